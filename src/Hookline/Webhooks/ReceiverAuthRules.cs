using Hookline.Api;

namespace Hookline.Webhooks;

/// <summary>
/// How a webhook authenticates to its receiver, as stored: HTTP Basic, or OAuth2 client credentials. The password
/// and the client secret are ciphertext (<see cref="SecretProtector"/>).
/// </summary>
public sealed class ReceiverAuthRule
{
    public string Type { get; set; } = "";
    public string? Username { get; set; }
    public string? ProtectedPassword { get; set; }
    public string? TokenUrl { get; set; }
    public string? ClientId { get; set; }
    public string? ProtectedClientSecret { get; set; }
    public string? Scope { get; set; }
    public string? Audience { get; set; }
}

/// <summary>A webhook's <c>auth</c> as sent: <c>{type: "basic", username, password}</c> or <c>{type: "oauth2", tokenUrl, clientId, clientSecret, scope?, audience?}</c>.</summary>
public sealed record AuthRequest(
    string? Type, string? Username = null, string? Password = null, string? TokenUrl = null, string? ClientId = null, string? ClientSecret = null,
    string? Scope = null, string? Audience = null);

/// <summary>A webhook's <c>auth</c> as read: its password or client secret always <see cref="SecretProtector.Mask"/>.</summary>
public sealed record AuthResponse(
    string Type, string? Username, string? Password, string? TokenUrl, string? ClientId, string? ClientSecret, string? Scope, string? Audience)
{
    public static AuthResponse? From(ReceiverAuthRule? rule) => rule switch
    {
        null => null,
        { Type: ReceiverAuthRules.Basic } => new(rule.Type, rule.Username, SecretProtector.Mask, null, null, null, null, null),
        _ => new(rule.Type, null, null, rule.TokenUrl, rule.ClientId, SecretProtector.Mask, rule.Scope, rule.Audience),
    };
}

/// <summary>
/// The rules of <c>auth</c>. Absent on an update, the stored one is kept (a client that does not know the field does not
/// drop it); <c>{type: "none"}</c> removes it. <see cref="SecretProtector.Mask"/> sent back keeps the stored secret.
/// </summary>
public static class ReceiverAuthRules
{
    public const string None = "none";
    public const string Basic = "basic";
    public const string OAuth2 = "oauth2";

    private static readonly string[] Types = [None, Basic, OAuth2];

    public static void Validate(Validation v, AuthRequest? auth, ReceiverAuthRule? stored)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (auth is null) return;
        v.OneOf("auth.type", auth.Type, Types);
        switch (auth.Type)
        {
            case Basic:
                v.Required("auth.username", auth.Username);
                // RFC 7617: the user-id cannot hold a colon.
                if (auth.Username?.Contains(':', StringComparison.Ordinal) == true) v.Add("auth.username", "auth.username cannot contain ':'.");
                Secret(v, "auth.password", auth.Password, stored is { Type: Basic, ProtectedPassword: not null });
                break;
            case OAuth2:
                if (string.IsNullOrWhiteSpace(auth.TokenUrl)) v.Add("auth.tokenUrl", "auth.tokenUrl is required.");
                else if (auth.TokenUrl.Length > 2048 || !Uri.TryCreate(auth.TokenUrl, UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
                    v.Add("auth.tokenUrl", "auth.tokenUrl must be an absolute http:// or https:// URL of at most 2048 characters, without credentials.");
                v.Required("auth.clientId", auth.ClientId);
                Secret(v, "auth.clientSecret", auth.ClientSecret, stored is { Type: OAuth2, ProtectedClientSecret: not null });
                v.Optional("auth.scope", auth.Scope, 1000);
                v.Optional("auth.audience", auth.Audience, 1000);
                break;
        }
    }

    /// <summary>The rule to store for a valid request; <paramref name="stored"/> when the request has none.</summary>
    public static ReceiverAuthRule? Apply(AuthRequest? auth, ReceiverAuthRule? stored, SecretProtector secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (auth is null) return stored;
        string Keep(string value, string? kept) => value == SecretProtector.Mask && kept is not null ? kept : secrets.Protect(value);
        return auth.Type switch
        {
            Basic => new ReceiverAuthRule
            {
                Type = Basic, Username = auth.Username!.Trim(), ProtectedPassword = Keep(auth.Password!, stored?.Type == Basic ? stored.ProtectedPassword : null),
            },
            OAuth2 => new ReceiverAuthRule
            {
                Type = OAuth2, TokenUrl = auth.TokenUrl!.Trim(), ClientId = auth.ClientId!.Trim(),
                ProtectedClientSecret = Keep(auth.ClientSecret!, stored?.Type == OAuth2 ? stored.ProtectedClientSecret : null),
                Scope = string.IsNullOrWhiteSpace(auth.Scope) ? null : auth.Scope.Trim(),
                Audience = string.IsNullOrWhiteSpace(auth.Audience) ? null : auth.Audience.Trim(),
            },
            _ => null,
        };
    }

    private static void Secret(Validation v, string field, string? value, bool hasStored)
    {
        if (string.IsNullOrEmpty(value)) v.Add(field, $"{field} is required.");
        else if (value == SecretProtector.Mask && !hasStored)
            v.Add(field, $"{field} is the mask {SecretProtector.Mask}, which keeps a stored secret, but there is none to keep: send the secret itself.");
        else if (value.Length > 4096) v.Add(field, $"{field} is at most 4096 characters.");
        else NoControl(v, field, value);
    }

    private static void NoControl(Validation v, string field, string? value)
    {
        if (value is not null && value.Any(char.IsControl)) v.Add(field, $"{field} must not contain control characters.");
    }
}
