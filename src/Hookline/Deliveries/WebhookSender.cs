using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>
/// Sends one attempt of one delivery and says what came of it. It does not retry, follow redirects or
/// throw for anything the network or the receiver does. The caller's cancellation escapes while no
/// response has come, so that a stopping dispatcher can release its lease instead of recording a failure;
/// once a status has arrived the result is returned, since that attempt has happened.
/// </summary>
public sealed class WebhookSender
{
    public const string HttpClientName = "Hookline.Webhooks";

    public static string UserAgent { get; } = "Hookline/" + (typeof(WebhookSender).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly DeliveryOptions _options;
    private readonly OAuth2Tokens _tokens;

    public WebhookSender(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, IOptions<DeliveryOptions> options, OAuth2Tokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        // One long-lived client: its handler never rotates and recycles connections itself (see AddWebhookSender).
        _client = httpClientFactory.CreateClient(HttpClientName);
        _time = timeProvider;
        _options = options.Value;
    }

    public async Task<AttemptResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        AttemptResult Failed(string error) => new(false, null, _time.GetElapsedTime(started), error, null, null, startedAt);

        if (!request.Url.IsAbsoluteUri || (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps))
        {
            return Failed($"unsupported URL {request.Url}: only absolute http and https URLs are sent");
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        string? rejected = null;
        while (true)
        {
            System.Net.Http.Headers.AuthenticationHeaderValue? authorization;
            string? token;
            try
            {
                (authorization, token) = await AuthorizeAsync(request.Auth, rejected, linked.Token).ConfigureAwait(false);
            }
            catch (TokenException e)
            {
                return Failed(e.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed("token request: " + TimedOut());
            }

            HttpRequestMessage built;
            try
            {
                built = OutboundMessage.Create(request, startedAt.ToUnixTimeSeconds(), authorization);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Failed($"request not sent: {e.Message}");
            }

            using var message = built;
            try
            {
                response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(TimedOut());
            }
            catch (HttpRequestException e)
            {
                return Failed(Describe(e));
            }

            // A 401 to an OAuth2 token: the token is fetched again, once in this attempt, and the request sent again.
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || token is null || rejected is not null) break;
            response.Dispose();
            rejected = token;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var delivered = request.SuccessCodes.Contains(status);
            // The status is the verdict: a body cut short cannot undo a success the receiver already gave.
            var excerpt = await ReadExcerptAsync(response, linked.Token).ConfigureAwait(false);
            var retryAfter = status is 429 or 503 ? RetryAfter.From(response, _time.GetUtcNow()) : null;
            var error = delivered ? null : DescribeStatus(response, status);
            return new AttemptResult(delivered, status, _time.GetElapsedTime(started), error, excerpt, retryAfter, startedAt);
        }
    }

    private string TimedOut() =>
        string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.Timeout.TotalSeconds} s");

    private async Task<(System.Net.Http.Headers.AuthenticationHeaderValue? Header, string? Token)> AuthorizeAsync(
        ReceiverAuth? auth, string? rejected, CancellationToken ct)
    {
        if (auth is null) return (null, null);
        if (!auth.IsOAuth2) return (ReceiverAuth.BasicHeader(auth.Username!, auth.Password!), null);
        var token = await _tokens.GetAsync(auth, rejected, ct).ConfigureAwait(false);
        return (new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value), token.Value);
    }

    internal static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundBlockedException blocked)
            {
                return blocked.Message;
            }
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"DNS lookup failed: {e.Message}",
            HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }
                => $"DNS lookup failed: {e.Message}",
            HttpRequestError.ConnectionError => $"connection failed: {e.Message}",
            HttpRequestError.SecureConnectionError => $"TLS failed: {e.Message}",
            _ => $"request failed: {e.Message}",
        };
    }

    private static string DescribeStatus(HttpResponseMessage response, int status) =>
        status is >= 300 and < 400
            ? $"HTTP {status}: redirect to {response.Headers.Location?.OriginalString ?? "(no Location)"} not followed"
            : $"HTTP {status} is not a success code";

    private async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _options.ResponseExcerptBytes;
        if (limit == 0)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        var filled = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while (filled < limit && (read = await stream.ReadAsync(buffer.AsMemory(filled, limit - filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // Keep what arrived: the response already happened, and an excerpt is only evidence of it.
        }

        try
        {
            return filled == 0 ? null : Utf8Excerpt.Decode(buffer.AsSpan(0, filled));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
