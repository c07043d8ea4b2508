using Hookline.Core.Templates.Form;
using Hookline.Core.Templates.Json;
using Hookline.Core.Templates.Xml;

namespace Hookline.Core.Templates;

/// <summary>A parsed template format: its fields, ready to be mapped and compiled. Immutable.</summary>
public sealed class Template
{
    private readonly TemplateDocument document;

    private Template(TemplateType type, string format, TemplateDocument document, TimeZoneInfo? timeZone)
    {
        this.document = document;
        TimeZone = timeZone;
        Type = type;
        Format = format;
        Fields = [.. document.Outline.Fields.Select(f => new TemplateField(f.Path, f.FirstInline?.Text))];
        UnknownTokens = document.Outline.UnknownTokens;
    }

    public TemplateType Type { get; }

    /// <summary>
    /// The zone its time tokens are written in: ISO 8601 with the zone's offset (daylight saving included) unless a
    /// modifier says otherwise. Null when the template sets none: time tokens are then written as the call gave them,
    /// and modifiers (<c>:date</c>, <c>:iso</c>…) write them in UTC.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; }

    /// <summary>The example body as given.</summary>
    public string Format { get; }

    /// <summary><c>application/json</c>, <c>application/xml</c> or <c>application/x-www-form-urlencoded</c>.</summary>
    public string ContentType => document.ContentType;

    /// <summary>Every field in document order, repeated siblings folded; inline tokens come pre-mapped.</summary>
    public IReadOnlyList<TemplateField> Fields { get; }

    /// <summary>The <c>%words%</c> of the example that are not tokens; they are kept as literal text.</summary>
    public IReadOnlyList<string> UnknownTokens { get; }

    /// <summary>
    /// Parses an example body. XML is read without DTDs: no entity is expanded, nothing is fetched. A
    /// <paramref name="timeZone"/> (see <see cref="TemplateTimeZone.TryFind"/>) makes time tokens be written in that zone.
    /// </summary>
    /// <exception cref="TemplateFormatException">
    /// The format is malformed, exceeds a limit, or carries an inline token that cannot apply where it is or whose
    /// modifier is unknown or does not fit it.
    /// </exception>
    public static Template Parse(TemplateType type, string format, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        TemplateLimits.CheckSize(format);
        TemplateDocument document = type switch
        {
            TemplateType.Json => JsonTemplateParser.Parse(format),
            TemplateType.Xml => XmlTemplateParser.Parse(format),
            TemplateType.Form => FormTemplateParser.Parse(format),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown template type."),
        };
        try
        {
            RepeatPlanner.Plan(document, new FieldBinding[document.Outline.Fields.Count]);
        }
        catch (TemplateMappingException e)
        {
            // The example itself maps the token where it cannot go: that is the example's error, with its place.
            document.Outline.TryGetField(e.Path, out var field);
            throw document.Outline.Fields[field].InlinePosition.Error(e.Message, e);
        }

        return new Template(type, format, document, timeZone);
    }

    /// <summary>
    /// Applies mappings (path to <c>%token%</c> or text with tokens) over the inline ones and builds the render
    /// plan. A null, empty or blank expression unmaps the field: it then keeps the example's literal value.
    /// An expression is one line of at most 2,000 characters, unless it is the field's own inline text.
    /// </summary>
    /// <exception cref="TemplateMappingException">
    /// An unknown path or token, a token that cannot go where it is mapped, or an expression that is too long or
    /// holds a control character.
    /// </exception>
    public CompiledTemplate Compile(IReadOnlyDictionary<string, string?> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        var outline = document.Outline;
        var bindings = new FieldBinding[outline.Fields.Count];
        foreach (var (path, text) in mappings)
        {
            if (!outline.TryGetField(path, out var index))
            {
                throw new TemplateMappingException(path, UnknownPath(outline, path));
            }

            bindings[index] = FieldBinding.Explicit(MappingExpression(outline.Fields[index], text));
        }

        return new CompiledTemplate(document, bindings, TimeZone);
    }

    private static string UnknownPath(TemplateOutline outline, string path)
    {
        // A client that does not escape member names sends "a.b" for the member "a.b": point it at the escaped path.
        var meant = outline.Fields.Where(f => JsonFieldPath.WithoutEscapes(f.Path) == path).Select(f => $"'{f.Path}'").ToList();
        return meant.Count == 0
            ? $"The template has no field '{path}'."
            : $"The template has no field '{path}'. In a path, a member name's '.', '[', ']' and '\\' are escaped with '\\': did you mean {string.Join(" or ", meant)}?";
    }

    private static Expression? MappingExpression(FieldSlot field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        // The example's own inline text is accepted back as it is, unknown words, tabs, length and all: the
        // example has its own limits, and a client may send every field's mapping back as it read it.
        if (Inline(field, text) is { } inline)
        {
            return inline;
        }

        TemplateLimits.CheckMapping(field.Path, text);
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (Inline(field, text) is { } trimmed)
        {
            return trimmed;
        }

        Expression expression;
        try
        {
            expression = Expression.Parse(text);
        }
        catch (TokenSyntaxException e)
        {
            throw new TemplateMappingException(field.Path, e.Message);
        }

        if (expression.UnknownTokens.Count > 0)
        {
            throw new TemplateMappingException(field.Path,
                $"{expression.UnknownTokens[0]} is not a token; see the list of data points.");
        }

        return expression;
    }

    private static Expression? Inline(FieldSlot field, string text) =>
        field.InlineExpressions.FirstOrDefault(e => e.Text == text);
}
