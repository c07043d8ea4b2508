using System.Text.RegularExpressions;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using Hookline.Templates;

namespace Hookline.Webhooks;

/// <summary>One field of the Field Mapping step: its path, the example's inline expression, and what it was mapped to when the step opened.</summary>
public sealed record FieldRow(string Path, string? Inline, string Initial);

/// <summary>
/// A template's fields as the Field Mapping step shows and maps them. Choices are compared with the example's inline
/// expressions, so that only real changes become explicit mappings: a field left as the example maps it stays inline.
/// </summary>
public sealed partial class TemplateFields
{
    private TemplateFields(string type, string format, IReadOnlyList<FieldRow> fields)
    {
        Type = type;
        Format = format;
        Fields = fields;
    }

    /// <summary><c>json</c> or <c>xml</c>.</summary>
    public string Type { get; }
    public string Format { get; }
    public IReadOnlyList<FieldRow> Fields { get; }

    public static TemplateFields From(string type, TemplateDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var parsed = draft.Parsed;
        return new(type, parsed.Format, [.. parsed.Fields.Select((f, i) => new FieldRow(f.Path, f.Token, Canonical(draft.Compiled.Fields[i].Token ?? "")))]);
    }

    public static TemplateFields From(TemplateView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var type = view.Stored?.Type ?? TemplateTypes.Name(view.BuiltIn!.Type);
        return From(type, view.Draft);
    }

    /// <summary>The choices the step opens with.</summary>
    public void Reset(Dictionary<string, string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        choices.Clear();
        foreach (var f in Fields) choices[f.Path] = f.Initial;
    }

    /// <summary>The explicit mappings of these choices: the fields whose choice differs from the example's inline expression.</summary>
    public Dictionary<string, string?> Explicit(IReadOnlyDictionary<string, string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var mappings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var f in Fields)
        {
            var choice = Canonical(choices.GetValueOrDefault(f.Path) ?? "");
            if (choice != Canonical(f.Inline ?? "")) mappings[f.Path] = choice;
        }
        return mappings;
    }

    /// <summary>Whether any field is mapped otherwise than when the step opened.</summary>
    public bool Changed(IReadOnlyDictionary<string, string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return Fields.Any(f => Canonical(choices.GetValueOrDefault(f.Path) ?? "") != f.Initial);
    }

    /// <summary>The catalogue's spelling of a lone token (<c>%ANI%</c> is <c>%ani%</c>); any other expression as it is.</summary>
    public static string Canonical(string expression) =>
        Token(expression) is { } token ? token.Token : expression;

    /// <summary>The data point an expression is, when it is one token alone.</summary>
    public static TokenInfo? Token(string? expression) =>
        expression is { Length: > 2 } && expression[0] == '%' && expression[^1] == '%' && TokenCatalog.TryGet(expression, out var token) ? token : null;

    /// <summary>How a choice reads in a list: "Example value", "First Name (%ani_first_name%)", or the text with tokens itself.</summary>
    public static string Label(string choice) =>
        choice.Length == 0 ? ExampleValue : Token(choice) is { } token ? $"{token.Name} ({token.Token})" : choice;

    public const string ExampleValue = "Example value";

    /// <summary>What a choice sends, shown beside its select: the data point's description and example.</summary>
    public static string Describe(string choice)
    {
        if (choice.Length == 0) return "Not mapped: the value written in the template format is sent as it is.";
        if (Token(choice) is { } token)
            return token.Example.Length == 0 ? $"{Readable(token.Description)}." : $"{Readable(token.Description)}. Example: {token.Example}";
        var inside = InlineToken().Matches(choice).Select(m => Token(m.Value)).OfType<TokenInfo>().Select(t => $"{t.Name} ({t.Token})").Distinct().ToList();
        return inside.Count == 0 ? "Text, sent as it is." : $"Text with data points: {string.Join(", ", inside)}.";
    }

    /// <summary>
    /// The seed table writes the possessive "'s" as "\s" (an export's escape: "Caller\s line type"). The catalogue and
    /// the API keep the table's text as it is; a person reads "Caller's line type".
    /// </summary>
    public static string Readable(string description) => description.Replace("\\s", "'s", StringComparison.Ordinal);

    /// <summary>The catalogue's data points by category, in the catalogue's order, with the category's heading.</summary>
    public static IReadOnlyList<(string Label, IReadOnlyList<TokenInfo> Tokens)> Categories { get; } =
    [
        .. new[] { (TokenCategory.CallBegin, "Call Begin"), (TokenCategory.CallEnd, "Call End"), (TokenCategory.Dni, "DNI"), (TokenCategory.LocationInfo, "Location Info") }
            .Select(c => (c.Item2, (IReadOnlyList<TokenInfo>)[.. TokenCatalog.All.Where(t => t.Category == c.Item1)])),
    ];

    [GeneratedRegex("%[A-Za-z0-9_]+%")]
    private static partial Regex InlineToken();
}
