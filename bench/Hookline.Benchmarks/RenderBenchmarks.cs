using System.Buffers;
using BenchmarkDotNet.Attributes;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Benchmarks;

/// <summary>Renders a built-in template for the example call at its end, beside the naive baseline.</summary>
public abstract class RenderBenchmark(string templateId)
{
    private readonly ArrayBufferWriter<byte> buffer = new(8192);
    private readonly CallData call = ExampleCall.Call;

    protected BuiltInTemplate BuiltIn { get; } = BuiltInTemplates.All.Single(t => t.Id == templateId);

    private CompiledTemplate Template => field ??= BuiltIn.Compile();

    /// <summary>The template text with every value as an inline token, for the baseline.</summary>
    protected abstract string NaiveText { get; }

    [Benchmark(Baseline = true)]
    public byte[] NaiveSubstitution() => Benchmarks.NaiveSubstitution.Render(NaiveText, call);

    [Benchmark]
    public byte[] Render() => Template.Render(call, CallMoment.End);

    [Benchmark]
    public int RenderIntoReusedBuffer()
    {
        buffer.ResetWrittenCount();
        Template.Render(call, CallMoment.End, buffer);
        return buffer.WrittenCount;
    }
}

/// <summary>The Standard JSON template: every data point.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class StandardJsonRender() : RenderBenchmark("builtin-standard-json")
{
    private static readonly HashSet<string> Numeric =
        ["dialed_time", "answered_time", "ring_count", "repeat_caller", "ani_is_valid", "visitor_lat", "visitor_long"];

    // Numbers and nested values bare, text quoted: the same body as the template renders.
    protected override string NaiveText { get; } = "{" + string.Join(",", TokenCatalog.All
        .Where(t => t.MemberOf is null)
        .Select(t => t.IsNested || Numeric.Contains(t.Key) ? $"\"{t.Key}\":{t.Token}" : $"\"{t.Key}\":\"{t.Token}\"")) + "}";
}

/// <summary>The ADF 1.0 lead, whose tokens are inline already.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class AdfXmlRender() : RenderBenchmark("builtin-adf-xml")
{
    protected override string NaiveText => BuiltIn.Format;
}
