using System.Security.Claims;
using Hookline.Auth;
using Hookline.Deliveries;
using Hookline.Storage;
using Hookline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Deliveries;

/// <summary>What the pages read from the delivery log: each delivery's row, and a location's deliveries per hour.</summary>
public class DeliveryLogTests
{
    [Theory, Providers]
    public async Task HourlyCounts_CountEachDeliveryOnceInTheHourItWasCreated_DeliveredOrFailed(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider, "Hourly Motors");
        var webhookId = await WebhookAsync(tenant);
        var other = await Tenant.CreateAsync(tenant.App, "Hourly Neighbours");
        var theirs = await WebhookAsync(other);
        var now = DateTimeOffset.UtcNow;
        if (now.Minute == 59 && now.Second > 50) await Task.Delay(TimeSpan.FromSeconds(61 - now.Second)); // not across an hour's end
        now = DateTimeOffset.UtcNow;
        var thisHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var first = thisHour.AddHours(-23);
        await AddAsync(tenant, webhookId,
            (first.AddMilliseconds(-1), DeliveryStatus.Delivered, 1), // 24 hours ago and more: not shown
            (first, DeliveryStatus.Delivered, 1),
            (first.AddMinutes(59), DeliveryStatus.Failed, 13),
            (thisHour, DeliveryStatus.Delivered, 3), // delivered after failures: delivered only
            (now, DeliveryStatus.Pending, 2), // failing, still retried
            (now, DeliveryStatus.Pending, 0)); // not tried yet: neither
        await AddAsync(other, theirs, (now, DeliveryStatus.Failed, 1));

        await using var scope = tenant.App.Services.CreateAsyncScope();
        var deliveries = scope.ServiceProvider.GetRequiredService<DeliveryService>();
        var hours = await deliveries.HourlyAsync(tenant.LocationId, Member(tenant), CancellationToken.None);

        Assert.NotNull(hours);
        Assert.Equal(24, hours.Count);
        Assert.Equal(first, hours[0].Start);
        Assert.Equal(thisHour, hours[23].Start);
        Assert.Equal(new HourCount(first, 1, 1), hours[0]);
        Assert.Equal(new HourCount(thisHour, 1, 1), hours[23]);
        Assert.All(hours.Skip(1).Take(22), h => Assert.Equal((0, 0), (h.Delivered, h.Failed)));
        Assert.Null(await deliveries.HourlyAsync(tenant.LocationId, Member(other), CancellationToken.None));
    }

    [Theory, Providers]
    public async Task Rows_CarryTheWebhooksAndLocationsNames_AndTheLastAttemptsStatusCode(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider, "Rows Motors");
        var webhookId = await WebhookAsync(tenant);
        var now = DateTimeOffset.UtcNow;
        var ids = await AddAsync(tenant, webhookId, (now, DeliveryStatus.Delivered, 2), (now, DeliveryStatus.Pending, 0), (now, DeliveryStatus.Pending, 1));
        await using (var scope = tenant.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
            db.DeliveryAttempts.AddRange(
                new DeliveryAttempt { DeliveryId = ids[0], At = now, StatusCode = 500, DurationMs = 3 },
                new DeliveryAttempt { DeliveryId = ids[0], At = now.AddSeconds(1), StatusCode = 200, DurationMs = 2 },
                new DeliveryAttempt { DeliveryId = ids[2], At = now, StatusCode = null, DurationMs = 1, Error = "connection refused" });
            await db.SaveChangesAsync();
        }

        await using var reading = tenant.App.Services.CreateAsyncScope();
        var page = await reading.ServiceProvider.GetRequiredService<DeliveryService>()
            .ListRowsAsync(new DeliveryFilter(LocationId: tenant.LocationId, Limit: 2), Member(tenant), CancellationToken.None);

        Assert.True(page.IsOk);
        Assert.Equal([ids[2], ids[1]], page.Value.Rows.Select(r => r.Delivery.Id));
        Assert.All(page.Value.Rows, r => Assert.Equal(("Log CRM", tenant.LocationId, "Auto ID"), (r.WebhookName, r.LocationId, r.LocationName)));
        Assert.All(page.Value.Rows, r => Assert.Null(r.LastStatusCode));
        Assert.Equal(ids[1], page.Value.Older);
        var next = await reading.ServiceProvider.GetRequiredService<DeliveryService>()
            .ListRowsAsync(new DeliveryFilter(LocationId: tenant.LocationId, Before: page.Value.Older), Member(tenant), CancellationToken.None);
        Assert.Equal(200, Assert.Single(next.Value.Rows).LastStatusCode);
    }

    private static ClaimsPrincipal Member(Tenant tenant) => new(new ClaimsIdentity([new Claim(Caller.GroupClaim, tenant.GroupId)], "test"));

    private static async Task<string> WebhookAsync(Tenant tenant) =>
        (await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name = "Log CRM", url = "http://127.0.0.1:9/", templateId = "builtin-standard-json",
        })).GetProperty("id").GetString()!;

    /// <summary>Deliveries written as the log holds them; pending ones are due in a year, so no worker sends them meanwhile.</summary>
    private static async Task<List<string>> AddAsync(Tenant tenant, string webhookId, params (DateTimeOffset CreatedAt, string Status, int Attempts)[] rows)
    {
        await using var scope = tenant.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var ids = new List<string>();
        foreach (var (createdAt, status, attempts) in rows)
        {
            var id = Ids.New("dlv");
            ids.Add(id);
            db.Deliveries.Add(new Delivery
            {
                Id = id, GroupId = tenant.GroupId, WebhookId = webhookId, CallId = id, CallKey = id, At = "begin", Trigger = "campaign:begin",
                ContentType = "application/json", Body = "{}"u8.ToArray(), Status = status, Attempts = attempts, CreatedAt = createdAt,
                WindowStart = createdAt, NextAttemptAt = DateTimeOffset.UtcNow.AddYears(1),
            });
            // Ids are time-ordered to the millisecond: one apart, so the log's order is the order written.
            await Task.Delay(2);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
