using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Web;
using Hookline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using StandardWebhooks;

namespace Hookline.Tests.Webhooks;

/// <summary>Form posts, GET pixels and PATCH, with tokens in the URL, as real receivers decode them.</summary>
public class FormsAndPixelsTests : ReceiverTest
{
    private static string NewCallId() => Guid.NewGuid().ToString();

    [Theory, Providers]
    public async Task FormPost_IsDecodedByTheReceiver_IntoTheCallsValues(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var template = await tenant.Client.PostOk("/api/v1/templates",
            new { name = "router", type = "form", format = "first=%ani_first_name%&phone=%ani:e164%&campaign=%campaign_name%&source=hookline" });
        var (number, _) = await WebhookOnCampaignAsync(tenant, new
        {
            name = "Router", url = Receiver.Url("/leads").ToString(), templateId = template.GetProperty("id").GetString(), method = "PATCH",
        });
        var callId = NewCallId();
        await tenant.Client.PostOk("/api/v1/calls/events",
            new { type = "call.begin", callid = callId, tracking = number, ani = "7776734736", ani_first_name = "Zoë & Co = +1 100% ok?" });

        var received = (await Receiver.WaitForRequestsAsync(1))[0];
        Assert.Equal("PATCH", received.Method);
        Assert.Equal("application/x-www-form-urlencoded", received.Header("Content-Type"));
        var form = await new FormReader(received.BodyText).ReadFormAsync();
        Assert.Equal("Zoë & Co = +1 100% ok?", form["first"].ToString());
        Assert.Equal("+17776734736", form["phone"].ToString());
        Assert.Equal("Spring radio", form["campaign"].ToString());
        Assert.Equal("hookline", form["source"].ToString());
    }

    [Theory, Providers]
    public async Task GetPixel_CarriesTheTokensInItsPathAndQuery_WithNoBodyAndASignatureOverTheEmptyBody(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var url = Receiver.BaseAddress + "pixel/%tracking%?caller=%ani:e164%&c=%campaign_name%&who=%ani_first_name|friend%&at=%call_start_time:unix%";
        var (number, created) = await WebhookOnCampaignAsync(tenant, new { name = "Pixel", url, method = "GET" });
        Assert.Equal(url, created.GetProperty("url").GetString());
        var callId = NewCallId();
        await tenant.Client.PostOk("/api/v1/calls/events",
            new { type = "call.begin", callid = callId, tracking = number, ani = "7776734736", call_start_time = "2019-03-28T00:05:00Z" });

        var received = (await Receiver.WaitForRequestsAsync(1))[0];
        Assert.Equal("GET", received.Method);
        Assert.Equal($"/pixel/{number}", received.Path);
        var query = QueryHelpers.ParseQuery(received.Query);
        Assert.Equal("+17776734736", query["caller"].ToString());
        Assert.Equal("Spring radio", query["c"].ToString());
        Assert.Equal("friend", query["who"].ToString());
        Assert.Equal("1553731500", query["at"].ToString());
        Assert.Empty(received.Body);
        Assert.Null(received.Header("Content-Type"));
        new StandardWebhook(created.GetProperty("signingSecret").GetString()!).Verify("", HeadersOf(received));

        // The delivery log shows the URL as it was sent.
        var delivery = Assert.Single((await tenant.Client.GetOk($"/api/v1/deliveries?callId={callId}")).EnumerateArray());
        var detail = await tenant.Client.GetOk($"/api/v1/deliveries/{delivery.GetProperty("id").GetString()}");
        Assert.Contains("caller=%2B17776734736", detail.GetProperty("request").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task ArbitraryValues_InAFormBodyAndAUrlQuery_DecodeBackExactly(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = "router", type = "form", format = "first=%ani_first_name%&last=%ani_last_name%" });
        var (number, _) = await WebhookOnCampaignAsync(tenant, new
        {
            name = "Router", url = Receiver.BaseAddress + "in?first=%ani_first_name%&last=%ani_last_name%", templateId = template.GetProperty("id").GetString(),
        });
        var random = new Random(12);
        var values = Enumerable.Range(0, 40).Select(i => (First: Arbitrary(random), Last: i == 0 ? "" : Arbitrary(random))).ToList();
        await tenant.Client.PostOk("/api/v1/calls/events", values.Select((v, i) => new
        {
            type = "call.begin", callid = $"prop-{i}-{Guid.NewGuid()}", tracking = number, ani = "7776734736", ani_first_name = v.First, ani_last_name = v.Last,
        }).ToArray());

        var received = await Receiver.WaitForRequestsAsync(values.Count);
        var seen = received.Select(r =>
        {
            var form = HttpUtility.ParseQueryString(r.BodyText);
            var query = QueryHelpers.ParseQuery(r.Query);
            Assert.Equal(form["first"] ?? "", query["first"].ToString());
            Assert.Equal(form["last"] ?? "", query["last"].ToString());
            return (form["first"] ?? "", form["last"] ?? "");
        }).ToHashSet();
        Assert.Equal(values.ToHashSet(), seen);
    }

    [Theory, Providers]
    public async Task UrlTokens_InTheHostOrWithAnUnknownModifier_AreRefusedOnUrl(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var url in new[] { "https://%location_name%.example.com/in", "https://crm.example.com/in?c=%ani:shout%", "https://crm.example.com/in?c=%nope%" })
        {
            using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks",
                new { name = "Pixel", url, method = "GET" });
            Assert.Equal(["url"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        }
        // Only a GET may go without a template.
        using var post = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "Pixel", url = "https://crm.example.com/in", method = "POST" });
        Assert.Equal(["templateId"], (await post.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    /// <summary>Text of any kind: letters of several scripts, emoji, and every character URLs and forms treat specially.</summary>
    private static string Arbitrary(Random random)
    {
        string[] pieces = ["a", "Z", "9", " ", "+", "&", "=", "%", "%20", "#", "?", "/", ";", ",", "'", "\"", "<", "é", "ß", "中", "😀", "~", "*", "\\", "|", "%ani%"];
        var text = new StringBuilder();
        for (var n = random.Next(1, 12); n > 0; n--) text.Append(pieces[random.Next(pieces.Length)]);
        return text.ToString();
    }

    private static async Task<(string Number, System.Text.Json.JsonElement Webhook)> WebhookOnCampaignAsync(Tenant tenant, object webhook)
    {
        var created = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", webhook);
        var number = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Spring radio", kind = "offline", trackingNumbers = new[] { number },
            webhooks = new[] { new { webhookId = created.GetProperty("id").GetString(), at = "begin" } },
        });
        return (number, created);
    }

    private static HeaderDictionary HeadersOf(ReceivedRequest request) =>
        new(request.Headers.ToDictionary(h => h.Key, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase));
}
