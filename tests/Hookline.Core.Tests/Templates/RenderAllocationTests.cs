using System.Buffers;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Templates;

/// <summary>Rendering JSON into a caller's buffer allocates nothing, modifiers, fallbacks and a time zone included.</summary>
public class RenderAllocationTests
{
    private static long AllocatedByRenders(CompiledTemplate template, CallData call)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        for (var i = 0; i < 10; i++)
        {
            buffer.ResetWrittenCount();
            template.Render(call, CallMoment.End, buffer); // warm: the thread's writer and buffers, the zone's rules
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            template.Render(call, CallMoment.End, buffer);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void StandardJson_IntoAReusedBuffer_AllocatesNothing() =>
        Assert.Equal(0, AllocatedByRenders(BuiltInTemplates.All[0].Compile(), ExampleCall.Call));

    [Fact]
    public void StandardJson_WithModifiersInAZone_IntoAReusedBuffer_AllocatesNothing()
    {
        var builtIn = BuiltInTemplates.All[0];
        var mappings = builtIn.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value);
        mappings["ani"] = "%ani:e164%";
        mappings["tracking"] = "%tracking:national%";
        mappings["target"] = "%target:digits|none%";
        mappings["call_end_time"] = "%call_end_time:'MM/dd/yyyy hh:mm tt'%";
        mappings["ani_updated_at"] = "%ani_updated_at:date|unknown%";
        mappings["dialed_time"] = "%call_start_time:unix%";
        mappings["ani_line_type"] = "%ani_line_type:map(Mobile=cellphone;*=voice)%";
        mappings["campaign_name"] = "%campaign_name|no campaign%";
        mappings["session_id"] = "Steps: %prompt_responses:text|none%";
        Assert.True(TemplateTimeZone.TryFind("America/New_York", out var zone, out _));
        var template = Template.Parse(builtIn.Type, builtIn.Format, zone).Compile(mappings);
        Assert.Equal(0, AllocatedByRenders(template, ExampleCall.Call));
    }

    [Fact]
    public void Form_IntoAReusedBuffer_AllocatesNothing() =>
        Assert.Equal(0, AllocatedByRenders(BuiltInTemplates.All.Single(t => t.Type == TemplateType.Form).Compile(), ExampleCall.Call));
}
