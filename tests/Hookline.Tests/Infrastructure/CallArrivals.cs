using System.Text.Json;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// What a receiver got for calls whose webhook renders <see cref="CallSetup.LeadTemplate"/>, by call and moment.
/// It reads the receiver's log incrementally, so asking after every one of thousands of arrivals stays cheap.
/// </summary>
public sealed class CallArrivals
{
    private readonly Dictionary<(string CallId, string At), List<ReceivedRequest>> _byCall = [];
    private int _read;

    /// <summary>Distinct (call, moment) pairs that arrived at least once.</summary>
    public int Distinct => _byCall.Count;

    /// <summary>Deliveries that arrived more than once, and the extra requests they took.</summary>
    public (int Deliveries, int ExtraRequests) Repeated =>
        (_byCall.Values.Count(r => r.Count > 1), _byCall.Values.Sum(r => r.Count - 1));

    /// <summary>Every request for one call at one moment, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Of(string callId, string at) => _byCall.GetValueOrDefault((callId, at)) ?? [];

    /// <summary>Reads the requests not read yet; true once each of <paramref name="calls"/> has arrived at each of <paramref name="moments"/>.</summary>
    public bool ReadAndCheck(IReadOnlyList<ReceivedRequest> requests, IReadOnlyCollection<string> calls, params string[] moments)
    {
        ArgumentNullException.ThrowIfNull(requests);
        for (; _read < requests.Count; _read++)
        {
            var request = requests[_read];
            var body = JsonDocument.Parse(request.Body).RootElement;
            // The lead template's duration is a call_end data point: empty in the begin delivery.
            var at = body.GetProperty("duration").ValueKind == JsonValueKind.Null ? "begin" : "end";
            var key = (body.GetProperty("callid").GetString()!, at);
            if (!_byCall.TryGetValue(key, out var list)) _byCall[key] = list = [];
            list.Add(request);
        }
        return _byCall.Count >= calls.Count * moments.Length && Missing(calls, moments) == 0;
    }

    public int Missing(IReadOnlyCollection<string> calls, params string[] moments) =>
        calls.Sum(c => moments.Count(m => !_byCall.ContainsKey((c, m))));
}
