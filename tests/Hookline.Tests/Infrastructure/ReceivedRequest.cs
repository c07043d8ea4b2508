using System.Text;

namespace Hookline.Tests.Infrastructure;

/// <summary>One request as a <see cref="TestReceiver"/> saw it.</summary>
/// <param name="Sequence">1 for the first request the receiver got, counting across restarts.</param>
/// <param name="Headers">Case-insensitive; repeated headers joined with commas.</param>
public sealed record ReceivedRequest(
    int Sequence,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
