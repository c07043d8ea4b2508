using System.Buffers;
using BenchmarkDotNet.Attributes;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Benchmarks;

/// <summary>Renders the Standard JSON template (every data point) for the example call at its end.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class StandardJsonRender
{
    private readonly CompiledTemplate template = BuiltInTemplates.All.Single(t => t.Id == "builtin-standard-json").Compile();
    private readonly ArrayBufferWriter<byte> buffer = new(8192);
    private readonly CallData call = ExampleCall.Call;

    // The same body with every value as an inline token, for the baseline: numbers bare, text quoted.
    private readonly string naiveText = "{" + string.Join(",", TokenCatalog.All.Where(t => t.MemberOf is null).Select(t =>
        t.IsNested || t.Key is "dialed_time" or "answered_time" or "ring_count" or "repeat_caller" or "ani_is_valid" or "visitor_lat" or "visitor_long"
            ? $"\"{t.Key}\":{t.Token}"
            : $"\"{t.Key}\":\"{t.Token}\"")) + "}";

    [Benchmark(Baseline = true)]
    public byte[] NaiveSubstitution() => Benchmarks.NaiveSubstitution.Render(naiveText, call);

    [Benchmark]
    public byte[] Render() => template.Render(call, CallMoment.End);

    [Benchmark]
    public int RenderIntoReusedBuffer()
    {
        buffer.ResetWrittenCount();
        template.Render(call, CallMoment.End, buffer);
        return buffer.WrittenCount;
    }
}

/// <summary>Renders the ADF 1.0 lead for the example call at its end.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class AdfXmlRender
{
    private readonly BuiltInTemplate adf = BuiltInTemplates.All.Single(t => t.Id == "builtin-adf-xml");
    private readonly CompiledTemplate template = BuiltInTemplates.All.Single(t => t.Id == "builtin-adf-xml").Compile();
    private readonly ArrayBufferWriter<byte> buffer = new(8192);
    private readonly CallData call = ExampleCall.Call;

    [Benchmark(Baseline = true)]
    public byte[] NaiveSubstitution() => Benchmarks.NaiveSubstitution.Render(adf.Format, call);

    [Benchmark]
    public byte[] Render() => template.Render(call, CallMoment.End);

    [Benchmark]
    public int RenderIntoReusedBuffer()
    {
        buffer.ResetWrittenCount();
        template.Render(call, CallMoment.End, buffer);
        return buffer.WrittenCount;
    }
}
