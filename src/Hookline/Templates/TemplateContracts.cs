using System.Text.Json;
using Hookline.Core.Templates;

namespace Hookline.Templates;

public sealed record TemplateRequest(string? Name, string? GroupId, string? Type, string? Format, Dictionary<string, string?>? Mappings);

public sealed record MappingsRequest(Dictionary<string, string?>? Mappings);

public sealed record PreviewRequest(string? At, JsonElement? Call);

public sealed record PreviewResponse(string ContentType, string Body);

public sealed record FieldResponse(string Path, string? Token);

/// <summary>A template with its extracted fields and their effective mappings. Built-in templates have no group.</summary>
public sealed record TemplateResponse(
    string Id, string Name, string? GroupId, string Type, string Format, bool BuiltIn,
    List<FieldResponse> Fields, IReadOnlyList<string> UnknownTokens, Dictionary<string, string?> Mappings)
{
    public static TemplateResponse From(StoredTemplate t, CompiledTemplate compiled, IReadOnlyList<string> unknownTokens) => new(
        t.Id, t.Name, t.GroupId, t.Type, t.Format, false, FieldsOf(compiled), unknownTokens, t.Mappings);

    public static TemplateResponse From(BuiltInTemplate t, CompiledTemplate compiled) => new(
        t.Id, t.Name, null, TemplateTypes.Name(t.Type), t.Format, true, FieldsOf(compiled), [],
        t.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value));

    private static List<FieldResponse> FieldsOf(CompiledTemplate compiled) => [.. compiled.Fields.Select(f => new FieldResponse(f.Path, f.Token))];
}
