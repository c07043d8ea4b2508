using System.Text.Json;
using Hookline.Core.Templates;

namespace Hookline.Templates;

/// <param name="TimeZone">An IANA zone name its time tokens are written in; absent: UTC.</param>
public sealed record TemplateRequest(
    string? Name, string? GroupId, string? Type, string? Format, Dictionary<string, string?>? Mappings, string? TimeZone = null);

/// <param name="TimeZone">When present, the template's zone changes too.</param>
public sealed record MappingsRequest(Dictionary<string, string?>? Mappings, string? TimeZone = null);

public sealed record PreviewRequest(string? At, JsonElement? Call);

public sealed record PreviewResponse(string ContentType, string Body);

public sealed record FieldResponse(string Path, string? Token);

/// <summary>A template with its extracted fields and their effective mappings. Built-in templates have no group.</summary>
public sealed record TemplateResponse(
    string Id, string Name, string? GroupId, string Type, string Format, bool BuiltIn,
    List<FieldResponse> Fields, IReadOnlyList<string> UnknownTokens, Dictionary<string, string?> Mappings, string TimeZone)
{
    public static TemplateResponse From(TemplateView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var compiled = view.Draft.Compiled;
        return view.Stored is { } t
            ? new(t.Id, t.Name, t.GroupId, t.Type, t.Format, false, FieldsOf(compiled), view.Draft.Parsed.UnknownTokens, t.Mappings,
                TemplateZones.NameOf(t.TimeZone))
            : new(view.BuiltIn!.Id, view.BuiltIn.Name, null, TemplateTypes.Name(view.BuiltIn.Type), view.BuiltIn.Format, true, FieldsOf(compiled), [],
                view.BuiltIn.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value), TemplateZones.Default);
    }

    private static List<FieldResponse> FieldsOf(CompiledTemplate compiled) => [.. compiled.Fields.Select(f => new FieldResponse(f.Path, f.Token))];
}
