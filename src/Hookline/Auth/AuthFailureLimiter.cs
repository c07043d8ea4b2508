using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Hookline.Api;
using Microsoft.Extensions.Options;

namespace Hookline.Auth;

/// <summary>
/// Counts failed authentications per client address, so that guessing keys or passwords gets no answers. An
/// address that used up its budget (<see cref="AuthFailureOptions"/>) is refused with 429 and <c>Retry-After</c>
/// before its credentials are checked, so the right ones do not work either until the budget refills. Successes
/// cost nothing. IPv6 addresses count by /64, which one host usually has to itself; loopback counts like any
/// other address. Behind a reverse proxy every client has the proxy's address unless forwarded headers are set up.
/// </summary>
/// <remarks>
/// Any way in uses it the same way: <see cref="TryEnter"/> before checking credentials, <see cref="RecordFailure"/>
/// when they were wrong. The API's bearer keys go through <see cref="AuthSetup.UseAuthFailureLimiter"/> and
/// <see cref="ApiKeyAuthenticationHandler"/>; a sign-in form calls the two itself.
/// </remarks>
public sealed partial class AuthFailureLimiter : IDisposable
{
    // The partitioned limiter refills its buckets on a 100 ms tick: Retry-After waits that out too.
    private static readonly TimeSpan RefillTick = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<HttpContext> _failures;
    private readonly TimeSpan _retryAfter;
    private readonly int _burst;
    private readonly ILogger<AuthFailureLimiter> _logger;

    public AuthFailureLimiter(IOptions<AuthFailureOptions> options, ILogger<AuthFailureLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.FailureBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = settings.FailureInterval,
            QueueLimit = 0,
        };
        // A full bucket left alone is dropped by the partitioned limiter, so idle addresses cost no memory.
        _failures = PartitionedRateLimiter.Create<HttpContext, string>(
            context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => bucket));
        _retryAfter = settings.FailureInterval + RefillTick;
        _burst = settings.FailureBurst;
        _logger = logger;
    }

    /// <summary>Whether the caller's address may try credentials now; if not, how long until it may.</summary>
    public bool TryEnter(HttpContext context, out TimeSpan retryAfter)
    {
        // Whole tries only: the bucket refills continuously, and a fraction of one is no try.
        if (_failures.GetStatistics(context) is { CurrentAvailablePermits: < 1 })
        {
            retryAfter = _retryAfter;
            return false;
        }
        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <summary>
    /// Counts a failed try of the caller's address. False when the budget was already used up, by tries in
    /// flight at the same time: answer this one as refused too, so a burst sent at once gets no more answers
    /// than one sent in turn.
    /// </summary>
    public bool RecordFailure(HttpContext context, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var lease = _failures.AttemptAcquire(context);
        if (!lease.IsAcquired)
        {
            retryAfter = _retryAfter;
            return false;
        }
        if (_failures.GetStatistics(context) is { CurrentAvailablePermits: < 1 })
            LogBlocked(_logger, ClientKey(context.Connection.RemoteIpAddress), _burst);
        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <summary>Answers 429 problem+json with <c>Retry-After</c> in whole seconds.</summary>
    public static Task RefuseAsync(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            string.Create(CultureInfo.InvariantCulture, $"Too many failed authentications from this address; try again in {seconds} s."));
    }

    /// <summary>The address a budget belongs to: IPv4 as is (also when mapped into IPv6), IPv6 by its /64.</summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _failures.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client} made {Burst} failed authentications: refusing its credentials until its budget refills")]
    private static partial void LogBlocked(ILogger logger, string client, int burst);
}
