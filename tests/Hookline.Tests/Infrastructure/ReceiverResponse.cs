namespace Hookline.Tests.Infrastructure;

/// <summary>How a <see cref="TestReceiver"/> answers one request.</summary>
/// <param name="Delay">Waited before answering (ends early if the client gives up or the receiver stops).</param>
/// <param name="RetryAfter">Sent verbatim as <c>Retry-After</c>: seconds or an HTTP-date.</param>
public sealed record ReceiverResponse(
    int StatusCode = 200,
    TimeSpan Delay = default,
    string? RetryAfter = null,
    string? Location = null,
    string? Body = null,
    string ContentType = "text/plain; charset=utf-8")
{
    public static ReceiverResponse Ok { get; } = new();
}
