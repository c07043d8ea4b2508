using System.Net;
using System.Net.Http.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Campaigns;

public class CampaignsApiTests
{
    private static async Task<string> WebhookAsync(Tenant tenant) =>
        (await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "http://127.0.0.1:9/", templateId = "builtin-standard-json" })).GetProperty("id").GetString()!;

    private static string UniqueNumber() => "777" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory, Providers]
    public async Task Campaign_WithTreatmentAndWebhooks_RoundTrips(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var webhookId = await WebhookAsync(tenant);
        var treatment = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/treatments", new
        {
            name = "Main menu", question = "one", questionLink = "http://app.example.com/prompts/94f17d.wav",
            options = new object[]
            {
                new { digit = "1", name = "Sales", webhooks = new[] { new { webhookId, at = "select" } } },
                new { digit = "2", name = "Service", webhooks = Array.Empty<object>() },
            },
        });
        var treatmentId = treatment.GetProperty("id").GetString();
        var number = UniqueNumber();
        var campaign = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Radio spring", kind = "offline", trackingNumbers = new[] { $"({number[..3]}) {number[3..6]}-{number[6..]}" },
            tags = new Dictionary<string, string> { ["Region"] = "south" }, treatmentId,
            webhooks = new[] { new { webhookId, at = "end" } },
        });
        Assert.Equal([number], campaign.GetProperty("trackingNumbers").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("south", campaign.GetProperty("tags").GetProperty("Region").GetString());
        Assert.Equal(treatmentId, campaign.GetProperty("treatmentId").GetString());

        var read = await tenant.Client.GetOk($"/api/v1/campaigns/{campaign.GetProperty("id").GetString()}");
        Assert.Equal("end", read.GetProperty("webhooks")[0].GetProperty("at").GetString());
        var listed = await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/treatments");
        Assert.Equal("Sales", listed[0].GetProperty("options")[0].GetProperty("name").GetString());
    }

    [Theory, Providers]
    public async Task TrackingNumber_BelongsToOneCampaign_409Otherwise(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var number = UniqueNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new { name = "A", kind = "offline", trackingNumbers = new[] { number } });
        using var second = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/campaigns",
            new { name = "B", kind = "digital", trackingNumbers = new[] { "+" + number } });
        await second.Problem(HttpStatusCode.Conflict);
    }

    [Theory, Providers]
    public async Task DeletingACampaign_FreesItsNumbers(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var number = UniqueNumber();
        var first = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new { name = "A", kind = "offline", trackingNumbers = new[] { number } });
        using (var deleted = await tenant.Client.DeleteAsync($"/api/v1/campaigns/{first.GetProperty("id").GetString()}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new { name = "B", kind = "offline", trackingNumbers = new[] { number } });
    }

    [Theory, Providers]
    public async Task Campaign_WithWebhookOfAnotherLocation_Is400(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(provider, "Other Dealer");
        var theirs = await WebhookAsync(other);
        using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/campaigns",
            new { name = "A", kind = "offline", webhooks = new[] { new { webhookId = theirs, at = "begin" } } });
        Assert.Contains("webhooks[0].webhookId", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory, Providers]
    public async Task Campaign_WithUnknownKindOrMoment_Is400_NamingTheField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var webhookId = await WebhookAsync(tenant);
        using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/campaigns",
            new { name = "A", kind = "tv", trackingNumbers = new[] { "not a number" }, webhooks = new[] { new { webhookId, at = "middle" } } });
        var fields = (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields();
        Assert.Contains("kind", fields);
        Assert.Contains("trackingNumbers[0]", fields);
        Assert.Contains("webhooks[0].at", fields);
    }

    [Theory, Providers]
    public async Task Webhook_InUseByACampaign_CannotBeDeleted(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var webhookId = await WebhookAsync(tenant);
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns",
            new { name = "A", kind = "digital", webhooks = new[] { new { webhookId, at = "begin" } } });
        using var response = await tenant.Client.DeleteAsync($"/api/v1/webhooks/{webhookId}");
        await response.Problem(HttpStatusCode.Conflict);
    }

    [Theory, Providers]
    public async Task Treatment_WithRepeatedDigit_Is400(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/treatments",
            new { name = "Menu", options = new[] { new { digit = "1", name = "Sales" }, new { digit = "1", name = "Parts" } } });
        Assert.Contains("options[1].digit", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }
    [Theory, Providers]
    public async Task Campaign_WithAControlCharacterInATagName_Is400(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/campaigns",
            new { name = "c", kind = "offline", tags = new Dictionary<string, string> { ["Re\u0007gion"] = "south" } });
        Assert.Contains("tags", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(0, (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/campaigns")).GetArrayLength());
    }

    [Theory, Providers]
    public async Task Treatment_WithAQuestionLinkThatIsNotHttp_Is400(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var link in new[] { "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example.com/a.wav" })
        {
            using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/treatments",
                new { name = "Menu", questionLink = link });
            Assert.Contains("questionLink", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        }
        Assert.Equal(0, (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/treatments")).GetArrayLength());
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/treatments", new { name = "Menu", questionLink = "https://app.example.com/q.wav" });
    }
}
