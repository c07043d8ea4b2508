using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Operations;

/// <summary>
/// <c>/metrics</c> is Prometheus text without a key; its counters move as calls come in and deliveries are recorded,
/// and nothing in it names a tenant. Other servers in this test process share the static instruments, so the checks
/// are on increases, never on absolute values.
/// </summary>
public partial class MetricsTests : ReceiverTest
{
    private static readonly Dictionary<string, string?> Fast = new(HooklineApp.ShortWindow)
    {
        ["Hookline:Metrics:QueueRefreshInterval"] = "00:00:00.200",
        ["Hookline:Delivery:DownAfterFailures"] = "1000",
    };

    [Theory, Providers]
    public async Task TheCounters_MoveAsDeliveriesAreRecorded_AndNoTenantIsNamed(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider, Fast);
        var name = "Metrics Motors " + Guid.NewGuid().ToString("N")[..8];
        var tenant = await Tenant.CreateAsync(app, name);
        await using var failing = await TestReceiver.StartAsync();
        failing.RespondWith(_ => new ReceiverResponse(500));
        var healthy = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        var broken = await CallSetup.CreateAsync(tenant, failing, moments: ["begin"]);
        using var anonymous = app.Client(apiKey: null);
        var before = await ScrapeAsync(anonymous);

        var calls = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        await healthy.Post([.. calls.Select(c => healthy.Begin(c))]);
        await broken.Post(broken.Begin(Guid.NewGuid().ToString()));
        await Receiver.WaitForRequestsAsync(3);
        // The 2 s window: the broken one retries, then fails.
        await tenant.Client.GetUntil($"/api/v1/deliveries?webhookId={broken.WebhookId}",
            page => page.EnumerateArray().All(d => d.GetProperty("status").GetString() == "failed"), "the broken delivery failed");

        var after = await ScrapeUntilAsync(anonymous, text => Sum(text, "hookline_deliveries_total", "outcome=\"failed\"") > Sum(before, "hookline_deliveries_total", "outcome=\"failed\""));
        Assert.True(Sum(after, "hookline_deliveries_total", "outcome=\"delivered\"") - Sum(before, "hookline_deliveries_total", "outcome=\"delivered\"") >= 3);
        Assert.True(Sum(after, "hookline_deliveries_total", "outcome=\"retry\"") > Sum(before, "hookline_deliveries_total", "outcome=\"retry\""));
        Assert.True(Sum(after, "hookline_delivery_attempts_total", "") - Sum(before, "hookline_delivery_attempts_total", "") >= 5);
        Assert.True(Sum(after, "hookline_intake_events_total", "type=\"call.begin\"") - Sum(before, "hookline_intake_events_total", "type=\"call.begin\"") >= 4);
        Assert.True(Sum(after, "hookline_delivery_latency_seconds_count", "") - Sum(before, "hookline_delivery_latency_seconds_count", "") >= 3);
        Assert.True(Sum(after, "hookline_delivery_claim_size_count", "") > 0);
        Assert.True(Sum(after, "hookline_delivery_record_duration_seconds_count", "") > Sum(before, "hookline_delivery_record_duration_seconds_count", ""));
        foreach (var gauge in new[] { "hookline_delivery_queue_depth", "hookline_delivery_oldest_due_age_seconds", "hookline_webhooks_down" })
            Assert.Matches(new Regex($"^{gauge}[{{ ]", RegexOptions.Multiline), after);
        Assert.Contains("http_server_request_duration_seconds", after, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds", after, StringComparison.Ordinal);

        // Nothing of the tenant: not its name, its ids, its tracking numbers, nor the receivers' addresses.
        // (Kestrel labels its listening address server_address too; in this process the receivers' Kestrels report
        // theirs to every server's metrics, so the outbound side is checked line by line instead.)
        foreach (var secret in new[] { name, tenant.GroupId, tenant.LocationId, healthy.WebhookId, broken.WebhookId, healthy.Number, calls[0], "dns_question_name" })
            Assert.DoesNotContain(secret, after, StringComparison.Ordinal);
        Assert.All(after.Split('\n').Where(line => line.StartsWith("http_client_", StringComparison.Ordinal)),
            line => Assert.DoesNotMatch("server_(address|port)=", line));
    }

    [Fact]
    public async Task Metrics_AnswerWithoutAKey_InPrometheusText()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        using var anonymous = app.Client(apiKey: null);
        using var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var text = await ScrapeAsync(client);
            if (done(text) || DateTime.UtcNow > deadline) return text;
            await Task.Delay(200);
        }
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string text, string metric, string label) =>
        Sample().Matches(text).Where(m => m.Groups["name"].Value == metric && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
