using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Hookline.Tests.Deliveries.DeliveryServices;
using static Hookline.Tests.Deliveries.WebhookSenderTests;

namespace Hookline.Tests.Deliveries;

/// <summary>Receiver authentication: Basic, and OAuth2 client credentials against a token endpoint written here.</summary>
public sealed class ReceiverAuthTests : ReceiverTest, IAsyncLifetime
{
    private TestReceiver _tokens = null!;
    private int _issued;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _tokens = await TestReceiver.StartAsync();
        // Each token request gets a new token, valid for an hour.
        _tokens.RespondWith(_ => new ReceiverResponse(Body: JsonSerializer.Serialize(new
        {
            access_token = $"tok-{Interlocked.Increment(ref _issued)}", token_type = "Bearer", expires_in = 3600,
        }), ContentType: "application/json"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _tokens.DisposeAsync();
        await DisposeAsync();
    }

    private ReceiverAuth OAuth2(string? scope = "leads.write") =>
        new("oauth2", null, null, _tokens.Url("/oauth/token"), "client one", "s3cret:&=", scope, "https://crm.example.com");

    [Fact]
    public async Task OAuth2_TokenIsFetchedWithClientCredentials_AndSentAsBearer()
    {
        await using var services = AllowingPrivateNetworks();

        var result = await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });

        Assert.True(result.Delivered, result.Error);
        var tokenRequest = Assert.Single(_tokens.Requests);
        Assert.Equal("POST", tokenRequest.Method);
        Assert.Equal("/oauth/token", tokenRequest.Path);
        // RFC 6749 §2.3.1: id and secret form-encoded, then Basic.
        var basic = Encoding.UTF8.GetString(Convert.FromBase64String(tokenRequest.Header("Authorization")!["Basic ".Length..]));
        Assert.Equal("client+one:s3cret%3A%26%3D", basic);
        var form = QueryHelpers.ParseQuery(tokenRequest.BodyText);
        Assert.Equal("client_credentials", form["grant_type"].ToString());
        Assert.Equal("leads.write", form["scope"].ToString());
        Assert.Equal("https://crm.example.com", form["audience"].ToString());
        Assert.Equal("Bearer tok-1", Assert.Single(Receiver.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task OAuth2_ManySendsAtOnce_ShareOneTokenFetch()
    {
        await using var services = AllowingPrivateNetworks();
        _tokens.RespondWith(_ => new ReceiverResponse(Delay: TimeSpan.FromMilliseconds(300),
            Body: $$"""{"access_token": "tok-{{Interlocked.Increment(ref _issued)}}", "expires_in": 3600}""", ContentType: "application/json"));

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Send(services, Request(Receiver.Url()) with { Auth = OAuth2() })));
        await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });

        Assert.All(results, r => Assert.True(r.Delivered, r.Error));
        Assert.Single(_tokens.Requests);
        Assert.All(Receiver.Requests, r => Assert.Equal("Bearer tok-1", r.Header("Authorization")));
        Assert.Equal(26, Receiver.Requests.Count);
    }

    [Fact]
    public async Task OAuth2_TokenIsFetchedAgain_30SecondsBeforeItExpires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        await using var services = AllowingPrivateNetworks(time: time);

        await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });
        time.Advance(TimeSpan.FromSeconds(3600 - 31));
        await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });
        Assert.Single(_tokens.Requests);
        time.Advance(TimeSpan.FromSeconds(2));
        await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });

        Assert.Equal(2, _tokens.Requests.Count);
        Assert.Equal(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"], Receiver.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task OAuth2_A401_FetchesTheTokenAgainOnce_InTheSameAttempt()
    {
        await using var services = AllowingPrivateNetworks();
        Receiver.RespondWith(r => r.Header("Authorization") == "Bearer tok-1" ? new ReceiverResponse(401) : ReceiverResponse.Ok);

        var result = await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });

        Assert.True(result.Delivered, result.Error);
        Assert.Equal(2, _tokens.Requests.Count);
        Assert.Equal(["Bearer tok-1", "Bearer tok-2"], Receiver.Requests.Select(r => r.Header("Authorization")));

        // A receiver that refuses every token: one refetch, then the attempt fails with the 401.
        Receiver.RespondWith(_ => new ReceiverResponse(401));
        var refused = await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });
        Assert.False(refused.Delivered);
        Assert.Equal(401, refused.StatusCode);
        Assert.Equal(3, _tokens.Requests.Count);
    }

    [Fact]
    public async Task OAuth2_AFailedTokenFetch_IsAFailedAttemptThatSaysToken()
    {
        await using var services = AllowingPrivateNetworks();
        _tokens.RespondWith(_ => new ReceiverResponse(400, Body: """{"error": "invalid_client"}""", ContentType: "application/json"));

        var result = await Send(services, Request(Receiver.Url()) with { Auth = OAuth2() });

        Assert.False(result.Delivered);
        Assert.Contains("token", result.Error, StringComparison.Ordinal);
        Assert.Contains("400", result.Error, StringComparison.Ordinal);
        Assert.Empty(Receiver.Requests);
    }

    [Fact]
    public async Task OAuth2_ATokenUrlOnAPrivateAddress_IsRefusedByTheOutboundRules()
    {
        await using var services = Create();

        var result = await Send(services, Request(new Uri("https://crm.example.com/leads")) with { Auth = OAuth2() });

        Assert.False(result.Delivered);
        Assert.Contains("token", result.Error, StringComparison.Ordinal);
        Assert.Empty(_tokens.Requests);
        Assert.Equal(1, services.GetRequiredService<OAuth2Tokens>().Fetches);
    }

    [Fact]
    public async Task Basic_IsSentAsTheAuthorizationHeader_InPlaceOfTheWebhooksOwn()
    {
        await using var services = AllowingPrivateNetworks();

        await Send(services, Request(Receiver.Url(), headers: [new("Authorization", "Bearer old")])
            with { Auth = new ReceiverAuth("basic", "dealer", "pä:ss", null, null, null, null, null) });

        var header = Assert.Single(Receiver.Requests).Header("Authorization")!;
        Assert.Equal("dealer:pä:ss", Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])));
    }

    [Theory, Providers]
    public async Task Api_StoresAuth_MasksItsSecretsOnEveryRead_AndKeepsThemWhenTheMaskComesBack(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name = "CRM", url = Receiver.Url("/leads").ToString(), templateId = "builtin-standard-json",
            auth = new { type = "basic", username = "dealer", password = "hunter2-secret" },
        });
        var id = webhook.GetProperty("id").GetString();
        Assert.Equal("********", webhook.GetProperty("auth").GetProperty("password").GetString());
        Assert.DoesNotContain("hunter2-secret", webhook.GetRawText(), StringComparison.Ordinal);
        var read = await tenant.Client.GetOk($"/api/v1/webhooks/{id}");
        Assert.Equal("dealer", read.GetProperty("auth").GetProperty("username").GetString());
        Assert.Equal("********", read.GetProperty("auth").GetProperty("password").GetString());

        await tenant.Client.PutOk($"/api/v1/webhooks/{id}", new
        {
            name = "CRM", url = Receiver.Url("/leads").ToString(), templateId = "builtin-standard-json",
            auth = new { type = "basic", username = "dealer", password = "********" },
        });
        await tenant.Client.PostOk($"/api/v1/webhooks/{id}/test", new { });
        var header = Assert.Single(Receiver.Requests).Header("Authorization")!;
        Assert.Equal("dealer:hunter2-secret", Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])));

        var oauth = await tenant.Client.PutOk($"/api/v1/webhooks/{id}", new
        {
            name = "CRM", url = Receiver.Url("/leads").ToString(), templateId = "builtin-standard-json",
            auth = new { type = "oauth2", tokenUrl = _tokens.Url("/oauth/token").ToString(), clientId = "c1", clientSecret = "cs-secret", scope = "leads" },
        });
        Assert.Equal("********", oauth.GetProperty("auth").GetProperty("clientSecret").GetString());
        await tenant.Client.PostOk($"/api/v1/webhooks/{id}/test", new { });
        Assert.Equal("Bearer tok-1", Receiver.Requests[1].Header("Authorization"));
    }

    [Theory, Providers]
    public async Task Api_RefusesIncompleteAuth_KeyedByField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var (auth, fields) in new (object Auth, string[] Fields)[]
        {
            (new { type = "digest" }, ["auth.type"]),
            (new { type = "basic", username = "a:b", password = "" }, ["auth.password", "auth.username"]),
            (new { type = "basic", username = "a", password = "********" }, ["auth.password"]),
            (new { type = "oauth2", tokenUrl = "ftp://x", clientId = "", clientSecret = "s" }, ["auth.clientId", "auth.tokenUrl"]),
        })
        {
            using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks",
                new { name = "CRM", url = "https://crm.example.com/in", templateId = "builtin-standard-json", auth });
            Assert.Equal(fields, (await response.Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields().Order(StringComparer.Ordinal));
        }
    }
}
