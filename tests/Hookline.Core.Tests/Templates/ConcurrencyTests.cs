using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Templates;

public class ConcurrencyTests
{
    [Fact]
    public void CompiledTemplates_RenderTheSameBodies_WhenSharedAcrossThreads()
    {
        var templates = BuiltInTemplates.All.Select(t => t.Compile()).ToArray();
        var calls = new[] { ExampleCall.Call, TestCalls.WithSteps(3, ("ani", "<&>")) };
        var expected = templates.SelectMany(t => calls.Select(c => Convert.ToBase64String(t.Render(c, CallMoment.End)))).ToArray();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var t = i % templates.Length;
            var c = i / templates.Length % calls.Length;
            Assert.Equal(expected[(t * calls.Length) + c], Convert.ToBase64String(templates[t].Render(calls[c], CallMoment.End)));
        });
    }
}
