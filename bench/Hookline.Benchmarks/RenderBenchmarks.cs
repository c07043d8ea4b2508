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

    private CompiledTemplate Template => field ??= Compile();

    protected virtual CompiledTemplate Compile() => BuiltIn.Compile();

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
[MinColumn, MedianColumn]
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

/// <summary>
/// Standard JSON with modifiers in play, in a time zone with daylight saving: the three phone numbers formatted,
/// the three times converted and formatted (ISO 8601 in the zone, a date, a .NET pattern), Unix seconds in a number
/// field, a map, the IVR steps as text, and fallbacks. The baseline is the same naive substitution as Standard JSON's.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class StandardJsonWithModifiersRender() : RenderBenchmark("builtin-standard-json")
{
    private static readonly HashSet<string> Numeric =
        ["dialed_time", "answered_time", "ring_count", "repeat_caller", "ani_is_valid", "visitor_lat", "visitor_long"];

    protected override string NaiveText { get; } = "{" + string.Join(",", TokenCatalog.All
        .Where(t => t.MemberOf is null)
        .Select(t => t.IsNested || Numeric.Contains(t.Key) ? $"\"{t.Key}\":{t.Token}" : $"\"{t.Key}\":\"{t.Token}\"")) + "}";

    protected override CompiledTemplate Compile()
    {
        var mappings = BuiltIn.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value);
        mappings["ani"] = "%ani:e164%";
        mappings["tracking"] = "%tracking:national%";
        mappings["target"] = "%target:digits|none%";
        mappings["call_end_time"] = "%call_end_time:'MM/dd/yyyy hh:mm tt'%";
        mappings["ani_updated_at"] = "%ani_updated_at:date|unknown%";
        mappings["dialed_time"] = "%call_start_time:unix%"; // a number field
        mappings["ani_line_type"] = "%ani_line_type:map(Mobile=cellphone;Landline=home;*=voice)%";
        mappings["campaign_name"] = "%campaign_name|no campaign%";
        mappings["utm_source"] = "%utm_source|direct%";
        mappings["session_id"] = "Steps: %prompt_responses:text|none%";
        TemplateTimeZone.TryFind("America/New_York", out var zone, out _);
        return Hookline.Core.Templates.Template.Parse(BuiltIn.Type, BuiltIn.Format, zone).Compile(mappings);
    }
}

/// <summary>The ADF 1.0 lead, whose tokens are inline already.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class AdfXmlRender() : RenderBenchmark("builtin-adf-xml")
{
    protected override string NaiveText => BuiltIn.Format;
}
