using Hookline.Api;

namespace Hookline.Webhooks;

/// <summary>What a webhook's header rules may hold: valid HTTP names, single-line values, no headers Hookline owns.</summary>
public static class HeaderRules
{
    public const int MaxHeaders = 50;
    public const int MaxValueLength = 8192;

    // Hookline writes these itself (framing, signing) or they belong to one hop, not to the request.
    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
        "Proxy-Authorization", "TE", "Trailer", "Trailers", "Upgrade", "Expect", "User-Agent",
        "webhook-id", "webhook-timestamp", "webhook-signature",
    };

    public static void Validate(Validation v, IReadOnlyList<HeaderRequest>? headers)
    {
        if (headers is null) return;
        if (headers.Count > MaxHeaders) v.Add("headers", $"At most {MaxHeaders} headers.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            var field = $"headers[{i}]";
            if (h is null) { v.Add(field, $"{field} must be an object {{name, value, secret}}."); continue; }
            if (string.IsNullOrEmpty(h.Name) || !IsToken(h.Name))
                v.Add($"{field}.name", $"{field}.name must be a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~).");
            else if (Refused.Contains(h.Name))
                v.Add($"{field}.name", $"{field}.name: {h.Name} is set by Hookline or the connection and cannot be configured.");
            else if (!seen.Add(h.Name))
                v.Add($"{field}.name", $"{field}.name: {h.Name} is given twice.");
            if (h.Value is null) v.Add($"{field}.value", $"{field}.value is required.");
            else if (h.Value.Length > MaxValueLength) v.Add($"{field}.value", $"{field}.value is at most {MaxValueLength} characters.");
            else if (h.Value.Any(c => c is '\r' or '\n' or '\0' || (char.IsControl(c) && c != '\t')))
                v.Add($"{field}.value", $"{field}.value must be one line: no CR, LF or other control characters.");
        }
    }

    // RFC 9110 token characters.
    private static bool IsToken(string name) =>
        name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
