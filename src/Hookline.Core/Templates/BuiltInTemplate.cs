namespace Hookline.Core.Templates;

/// <summary>A template every group may use: its example body and the mappings that go with it.</summary>
public sealed record BuiltInTemplate(string Id, string Name, TemplateType Type, string Format, IReadOnlyDictionary<string, string> Mappings)
{
    /// <summary>Parses and compiles the template with its mappings.</summary>
    public CompiledTemplate Compile() =>
        Template.Parse(Type, Format).Compile(Mappings.ToDictionary(m => m.Key, string? (m) => m.Value));
}
