namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// <c>:map(Mobile=cellphone;*=voice)</c>: a value listed is written as its counterpart, any other as the <c>*</c>
/// entry's when there is one, else as it is. Values match exactly (case-sensitive); spaces around <c>=</c> and
/// <c>;</c> are ignored. A value and its counterpart cannot hold <c>;</c>, and no part of a token can hold <c>%</c>.
/// </summary>
internal sealed class MapModifier : TokenModifier
{
    private const int MaxEntries = 50;

    private readonly Dictionary<string, string> entries;
    private readonly string? otherwise;

    private MapModifier(string text, Dictionary<string, string> entries, string? otherwise)
    {
        Text = text;
        this.entries = entries;
        this.otherwise = otherwise;
    }

    public override string Text { get; }

    public static MapModifier Parse(string written, string text)
    {
        if (!text.EndsWith(')'))
        {
            throw new TokenSyntaxException($"{written}: a map is written map(value=text;…;*=text), closed by ')'.");
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        string? otherwise = null;
        var body = text[4..^1];
        var list = body.Length == 0 ? [] : body.Split(';');
        if (list.Length is 0 or > MaxEntries)
        {
            throw new TokenSyntaxException($"{written}: a map lists 1 to {MaxEntries} entries, as in map(Mobile=cellphone;*=voice).");
        }

        foreach (var entry in list)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var from = equals < 0 ? "" : entry[..equals].Trim();
            if (from.Length == 0)
            {
                throw new TokenSyntaxException($"{written}: each entry of a map is value=text ('{entry.Trim()}' is not).");
            }

            var to = entry[(equals + 1)..].Trim();
            if (from == "*" ? otherwise is not null : !entries.TryAdd(from, to))
            {
                throw new TokenSyntaxException($"{written}: the map lists '{from}' twice.");
            }

            if (from == "*")
            {
                otherwise = to;
            }
        }

        var canonical = "map(" + string.Join(";", entries.Select(e => $"{e.Key}={e.Value}").Concat(otherwise is null ? [] : [$"*={otherwise}"])) + ")";
        return new MapModifier(canonical, entries, otherwise);
    }

    public override ReadOnlySpan<char> Format(ReadOnlySpan<char> value, RenderContext context) =>
        entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var to) ? to : otherwise ?? value;
}
