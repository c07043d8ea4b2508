using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>Deliveries: "Retry all matching", after a confirmation naming how many.</summary>
public class RetryAllMatchingTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    [Fact]
    public async Task RetryAllMatching_NamesHowManyMatch_ThenQueuesThemAll()
    {
        var (tenant, userName, password) = await GroupUserAsync("Replay Motors");
        await using var receiver = await TestReceiver.StartAsync();
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = receiver.Url("/leads").ToString(), templateId = "builtin-standard-json" });
        var webhookId = webhook.GetProperty("id").GetString()!;
        await using (var db = tenant.App.OpenDatabase())
        {
            var at = DateTimeOffset.UtcNow.AddHours(-2);
            for (var i = 0; i < 3; i++)
            {
                var id = $"dlv_ui_replay_{Guid.NewGuid():N}";
                db.Deliveries.Add(new Delivery
                {
                    Id = id, GroupId = tenant.GroupId, WebhookId = webhookId, CallId = id, CallKey = id, At = "end", Trigger = "campaign:end",
                    ContentType = "application/json", Body = "{}"u8.ToArray(), Status = DeliveryStatus.Failed, Attempts = 8,
                    CreatedAt = at.AddSeconds(i), WindowStart = at, NextAttemptAt = at, LastError = "HTTP 503",
                });
            }
            await db.SaveChangesAsync();
        }
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();

        await Page.GotoAsync("/deliveries?status=failed");
        await Link("Retry all matching").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Retry all 3 deliveries that match?", Exact = true })).ToBeVisibleAsync();
        await ShotAsync("confirm");
        await Button("Retry 3 deliveries").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 deliveries queued again.");
        await ShotAsync("queued");

        await receiver.WaitForRequestsAsync(3);
    }
}
