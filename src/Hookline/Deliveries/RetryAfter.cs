namespace Hookline.Deliveries;

/// <summary>Reads a response's <c>Retry-After</c>, in seconds or as an HTTP-date, as a delay.</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (header?.Date is not { } date)
        {
            return null;
        }

        // Measured against the receiver's own Date when it sends one, so a skewed clock on either side does not matter.
        var wait = date - (response.Headers.Date ?? now);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
