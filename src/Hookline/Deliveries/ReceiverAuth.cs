using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hookline.Webhooks;
using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>A webhook's receiver authentication with its secrets decrypted, as the sender uses it. Never logged.</summary>
public sealed record ReceiverAuth(string Type, string? Username, string? Password, Uri? TokenUrl, string? ClientId, string? ClientSecret, string? Scope, string? Audience)
{
    public bool IsOAuth2 => Type == ReceiverAuthRules.OAuth2;

    public static ReceiverAuth? From(ReceiverAuthRule? rule, SecretProtector secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return rule switch
        {
            { Type: ReceiverAuthRules.Basic } => new(rule.Type, rule.Username, secrets.Unprotect(rule.ProtectedPassword!), null, null, null, null, null),
            { Type: ReceiverAuthRules.OAuth2 } => new(rule.Type, null, null, new Uri(rule.TokenUrl!), rule.ClientId,
                secrets.Unprotect(rule.ProtectedClientSecret!), rule.Scope, rule.Audience),
            _ => null,
        };
    }

    // The record's own ToString would print the secrets.
    public override string ToString() => $"ReceiverAuth {{ Type = {Type} }}";

    /// <summary>The token cache's key: the same client at the same endpoint shares one token, across webhooks.</summary>
    internal string CacheKey
    {
        get
        {
            var text = string.Join('\n', TokenUrl, ClientId, ClientSecret, Scope, Audience);
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }
    }

    /// <summary>RFC 7617; and RFC 6749 §2.3.1 for a client, whose id and secret are form-encoded first.</summary>
    internal static AuthenticationHeaderValue BasicHeader(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
}

/// <summary>An OAuth2 access token and when it expires.</summary>
internal sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>A failed token request: its message says "token", and becomes the attempt's error.</summary>
internal sealed class TokenException(string message) : Exception(message);

/// <summary>
/// The node's OAuth2 tokens (client credentials grant), shared by every send: concurrent sends for one client wait for
/// one fetch; a token is used until 30 s before it expires; after a 401 the sender asks once for a fresh one, and sends
/// that already replaced the token it had get the new one without another fetch. Token requests go through the
/// webhooks' HTTP client, and so through the same outbound rules, with the same timeout.
/// </summary>
public sealed class OAuth2Tokens(IHttpClientFactory httpClientFactory, TimeProvider time, IOptions<DeliveryOptions> options)
{
    /// <summary>A token is fetched again this long before it expires.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    /// <summary>How long a token without <c>expires_in</c> is used.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private const int MaxTokenResponseBytes = 64 * 1024;

    private readonly HttpClient _client = httpClientFactory.CreateClient(WebhookSender.HttpClientName);
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>How many token requests this node has made (for tests and diagnostics).</summary>
    public long Fetches => Interlocked.Read(ref _fetches);

    private long _fetches;

    /// <summary>
    /// A valid token for the client: the cached one, or a fresh one. With <paramref name="rejected"/> (the token a
    /// receiver answered 401 to), that token is not used again.
    /// </summary>
    internal async Task<AccessToken> GetAsync(ReceiverAuth auth, string? rejected, CancellationToken ct)
    {
        var slot = _slots.GetOrAdd(auth.CacheKey, _ => new Slot());
        Task<AccessToken> task;
        lock (slot)
        {
            var current = slot.Current;
            var usable = current is not null && (!current.IsCompleted || (current.IsCompletedSuccessfully
                && current.Result.ExpiresAt - Margin > time.GetUtcNow() && current.Result.Value != rejected));
            if (!usable) slot.Current = FetchAsync(auth);
            task = slot.Current!;
        }
        return await task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task<AccessToken> FetchAsync(ReceiverAuth auth)
    {
        await Task.Yield(); // out of the lock
        Interlocked.Increment(ref _fetches);
        var fetchedAt = time.GetUtcNow();
        // Shared by every waiting send, so not cancelled by any one of them: only by the attempt timeout.
        using var timeout = new CancellationTokenSource(options.Value.Timeout, time);
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (auth.Scope is { } scope) form.Add(new("scope", scope));
        if (auth.Audience is { } audience) form.Add(new("audience", audience));
        using var request = new HttpRequestMessage(HttpMethod.Post, auth.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = ReceiverAuth.BasicHeader(WebUtility.UrlEncode(auth.ClientId!), WebUtility.UrlEncode(auth.ClientSecret!));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(WebhookSender.UserAgent);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TokenException(string.Create(CultureInfo.InvariantCulture,
                $"token request to {auth.TokenUrl!.GetLeftPart(UriPartial.Path)} timed out after {options.Value.Timeout.TotalSeconds} s"));
        }
        catch (HttpRequestException e)
        {
            throw new TokenException($"token request to {auth.TokenUrl!.GetLeftPart(UriPartial.Path)} failed: {WebhookSender.Describe(e)}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
                throw new TokenException(string.Create(CultureInfo.InvariantCulture, $"token request to {auth.TokenUrl!.GetLeftPart(UriPartial.Path)} answered HTTP {status}"));
            try
            {
                var body = await ReadAsync(response, timeout.Token).ConfigureAwait(false);
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var value) || value.ValueKind != JsonValueKind.String
                    || string.IsNullOrEmpty(value.GetString()))
                    throw new TokenException("token response has no access_token");
                var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetDouble(out var seconds)
                    ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 365 * 86_400))
                    : DefaultLifetime;
                return new AccessToken(value.GetString()!, fetchedAt + lifetime);
            }
            catch (Exception e) when (e is JsonException or IOException or OperationCanceledException or HttpRequestException)
            {
                throw new TokenException("token response could not be read as JSON");
            }
        }
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxTokenResponseBytes) throw new TokenException("token response is larger than 64 KiB");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }

    private sealed class Slot
    {
        public Task<AccessToken>? Current { get; set; }
    }
}
