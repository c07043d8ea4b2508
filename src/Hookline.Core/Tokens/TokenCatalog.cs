using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Hookline.Core.Tokens;

/// <summary>The 77 data points of the token table, in its order, then the two of each delivery: %event% and %lead_status%.</summary>
public static class TokenCatalog
{
    private const string ResourceName = "Hookline.Core.Tokens.tokens.tsv";

    // Declared before All, which reads it as it is initialized.
    private static readonly (string Key, string Description, string Example)[] DeliveryTokens =
    [
        ("event", "Event - What the delivery reports: call_begin, call_end, call_update or ivr_select", "call_end"),
        ("lead_status", "Lead Status - new for the call's first delivery to a webhook, resend for every later one", "new"),
    ];

    /// <summary>Every token, in the order of the token table, the delivery tokens last.</summary>
    public static IReadOnlyList<TokenInfo> All { get; } = Load();

    private static readonly FrozenDictionary<string, TokenInfo> ByKey =
        All.ToFrozenDictionary(t => t.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a token by key (<c>ani</c>) or token (<c>%ani%</c>), ignoring case.</summary>
    public static bool TryGet(string keyOrToken, [NotNullWhen(true)] out TokenInfo? token)
    {
        ArgumentNullException.ThrowIfNull(keyOrToken);
        var key = keyOrToken.Length > 2 && keyOrToken[0] == '%' && keyOrToken[^1] == '%'
            ? keyOrToken[1..^1]
            : keyOrToken;
        return ByKey.TryGetValue(key, out token);
    }

    private static TokenInfo[] Load()
    {
        using var stream = typeof(TokenCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: token, category, description, example
        var tokens = new List<TokenInfo>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var columns = line.Split('\t');
            var key = columns[0].Trim('%');
            var role = RoleOf(key);
            tokens.Add(new TokenInfo(
                key,
                TokenNames.For(key),
                ParseCategory(columns[1]),
                columns[2],
                columns.Length > 3 ? columns[3] : "",
                role is TokenRole.Question or TokenRole.QuestionLink or TokenRole.Response ? "prompt_responses" : null)
            {
                Ordinal = tokens.Count,
                Role = role,
                Kind = KindOf(key),
            });
        }

        // Not intake data, so not in the seed table: the server supplies them per delivery (CallData.ForDelivery).
        foreach (var (key, description, example) in DeliveryTokens)
        {
            tokens.Add(new TokenInfo(key, TokenNames.For(key), TokenCategory.Delivery, description, example, null)
            {
                Ordinal = tokens.Count,
                Role = TokenRole.Scalar,
                Kind = TokenKind.Text,
            });
        }

        return [.. tokens];
    }

    private static TokenRole RoleOf(string key) => key switch
    {
        "prompt_responses" => TokenRole.PromptResponses,
        "tags" => TokenRole.Tags,
        "question" => TokenRole.Question,
        "question_link" => TokenRole.QuestionLink,
        "response" => TokenRole.Response,
        _ => TokenRole.Scalar,
    };

    // The token table has no types; these are the values that are telephone numbers and moments.
    private static TokenKind KindOf(string key) => key switch
    {
        "ani" or "tracking" or "target" => TokenKind.Phone,
        "call_start_time" or "call_end_time" or "ani_updated_at" => TokenKind.Time,
        _ => TokenKind.Text,
    };

    private static TokenCategory ParseCategory(string name) => name switch
    {
        "call_begin" => TokenCategory.CallBegin,
        "call_end" => TokenCategory.CallEnd,
        "dni" => TokenCategory.Dni,
        "location_info" => TokenCategory.LocationInfo,
        _ => throw new InvalidOperationException($"Unknown token category '{name}' in {ResourceName}."),
    };
}
