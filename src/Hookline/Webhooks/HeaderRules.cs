using System.Text;
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

    /// <param name="stored">The webhook's headers as stored (none for a new webhook): the mask may stand only for one of their secrets.</param>
    public static void Validate(Validation v, IReadOnlyList<HeaderRequest>? headers, IReadOnlyList<HeaderRule> stored)
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
            // HTTP carries header values as ASCII (RFC 9110 5.5): anything else is refused by the sender at every attempt.
            else if (!Ascii.IsValid(h.Value))
                v.Add($"{field}.value", $"{field}.value must be ASCII text (RFC 9110): percent-encode other characters, as the receiver expects them.");
            // The mask keeps the stored secret of the same, still secret, header; anywhere else it would be sent as it is.
            else if (h.Value == SecretProtector.Mask && (!h.Secret || StoredSecret(stored, h.Name) is null))
                v.Add($"{field}.value", $"{field}.value is the mask {SecretProtector.Mask}, which keeps a stored secret value, but there is no stored secret {h.Name} header to keep: send the value itself.");
        }
    }

    /// <summary>The stored secret rule of that name, which the mask sent back for it keeps.</summary>
    public static HeaderRule? StoredSecret(IReadOnlyList<HeaderRule> stored, string? name) =>
        stored.FirstOrDefault(p => p.Secret && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    // RFC 9110 token characters.
    private static bool IsToken(string name) =>
        name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
