using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Hookline.Auth;
using Hookline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hookline.Tests.Auth;

/// <summary>
/// Guessing keys gets no answers: after a burst of failed authentications an address is answered 429 for every
/// request that carries credentials, the right key included, until its budget refills.
/// </summary>
public class AuthFailureLimitTests
{
    private const string WrongKey = "hk_wrong_0123456789abcdefghijklmnopqrstuvwxyz";

    private static Dictionary<string, string?> Limit(int burst, string interval) => new()
    {
        ["Hookline:Auth:FailureBurst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hookline:Auth:FailureInterval"] = interval,
    };

    [Fact]
    public async Task TheSignInForm_SharesTheAddressesBudget_AndRefusesTheRightPasswordWhileItIsUsedUp()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, Limit(3, "00:10:00"));
        // Three wrong names (no one account's lockout is reached), then the right password of admin.
        for (var i = 0; i < 3; i++)
        {
            var (client, response) = await SignInClient.TrySignInAsync(app.BaseAddress, $"nobody-{i}", "not the password at all");
            using (client)
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("Invalid user name or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        var (blocked, answer) = await SignInClient.TrySignInAsync(app.BaseAddress, "admin", HooklineApp.AdminPassword);
        using (blocked)
        using (answer)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("Too many failed sign-ins", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(answer.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("hookline_session=", StringComparison.Ordinal)));
        }
        // The API's keys from that address are refused too: one budget for every way in.
        using var admin = app.Client();
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(admin, "/api/v1/groups"));
    }

    [Fact]
    public async Task AfterTheBurst_EveryRequestWithCredentials_Is429_EvenWithTheRightKey()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, Limit(5, "00:10:00"));
        using var admin = app.Client();
        for (var i = 0; i < 50; i++) Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/api/v1/groups")); // good keys cost nothing

        using var guesser = app.Client(WrongKey);
        var guesses = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => StatusAsync(guesser, "/api/v1/groups")));

        // Exactly the burst is answered, even for guesses sent all at once.
        Assert.Equal(5, guesses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(295, guesses.Count(s => s == HttpStatusCode.TooManyRequests));
        using (var refused = await admin.GetAsync("/api/v1/groups"))
        {
            var problem = await refused.Problem(HttpStatusCode.TooManyRequests);
            Assert.Equal(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("failed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(admin, "/healthz"));
        using var anonymous = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(anonymous, "/healthz"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, "/api/v1/groups"));

        // Another address keeps its own budget.
        using var neighbour = ClientFrom(IPAddress.Parse("127.0.0.2"), app.BaseAddress, HooklineApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(neighbour, "/api/v1/groups"));
    }

    [Fact]
    public async Task TheBlock_Lifts_AfterRetryAfter()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, Limit(1, "00:00:02"));
        using var guesser = app.Client(WrongKey);
        using var admin = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(guesser, "/api/v1/groups"));

        using var refused = await admin.GetAsync("/api/v1/groups");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("no Retry-After");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        await Task.Delay(retryAfter);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/api/v1/groups"));
    }

    /// <summary>The service itself, as a sign-in form uses it.</summary>
    [Fact]
    public void TheBudget_IsPerAddress_WithIPv6GroupedBy64()
    {
        using var limiter = new AuthFailureLimiter(Options.Create(new AuthFailureOptions { FailureBurst = 2, FailureInterval = TimeSpan.FromMinutes(1) }),
            NullLogger<AuthFailureLimiter>.Instance);

        Assert.True(limiter.RecordFailure(From("2001:db8:1:2::1"), out _));
        Assert.True(limiter.RecordFailure(From("2001:db8:1:2:ffff::9"), out _));
        Assert.False(limiter.TryEnter(From("2001:db8:1:2::77"), out var retryAfter));
        Assert.True(retryAfter > TimeSpan.FromMinutes(1));
        Assert.False(limiter.RecordFailure(From("2001:db8:1:2::1"), out _), "a failure over the budget is refused too");
        Assert.True(limiter.TryEnter(From("2001:db8:1:3::1"), out _));

        Assert.True(limiter.RecordFailure(From("127.0.0.1"), out _));
        Assert.True(limiter.RecordFailure(From("::ffff:127.0.0.1"), out _));
        Assert.False(limiter.TryEnter(From("127.0.0.1"), out _), "loopback counts like any address, and IPv4 mapped to IPv6 is IPv4");
        Assert.True(limiter.TryEnter(From("127.0.0.2"), out _));
    }

    private static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>A client whose connections come from <paramref name="local"/>: on Linux all of 127.0.0.0/8 is loopback.</summary>
    private static HttpClient ClientFrom(IPAddress local, Uri baseAddress, string key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
