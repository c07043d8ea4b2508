using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using Hookline.Deliveries;
using Hookline.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Calls;

/// <summary>An end delivery not yet sent, rendered again with a call's update (and due now when what it waits for has come).</summary>
public sealed record RenderedAgain(string Id, byte[] Body, string? Url, DateTimeOffset? DueAt);

// Late data: waitFor on end deliveries, and what call.update events make (API.md "Late data and updates"; docs/lifecycle.md).
public sealed partial class DeliveryPlanner
{
    public const string UpdateTrigger = "update:";

    private DateTimeOffset? _endAcceptedAt;

    /// <summary>Unsent end deliveries rendered again: written in the intake's transaction, only if no dispatcher has touched them.</summary>
    public List<RenderedAgain> RenderedAgain { get; } = [];

    private static bool Waits(Webhook webhook, string at, CallData data) =>
        at == "end" && webhook.WaitForSeconds is not null && !Satisfied(webhook, data);

    private static bool Satisfied(Webhook webhook, CallData data) =>
        webhook.WaitForTokens.TrueForAll(t => data.Values.TryGetValue(t[1..^1], out var value) && value.Length > 0);

    /// <summary>
    /// An end that waits for data points is written unleased and due at its deadline: the due time is in the table, so a
    /// restart keeps waiting and sends on time, and as a pending delivery it keeps its place before the call's updates.
    /// </summary>
    private void Wait(Delivery delivery, Webhook webhook, DateTimeOffset now)
    {
        // Counted from when the call.end was accepted, also for an end held until its begin came.
        delivery.NextAttemptAt = delivery.WindowStart = (_endAcceptedAt ?? now) + TimeSpan.FromSeconds(webhook.WaitForSeconds!.Value);
        Pending(delivery.CallKey, delivery.WebhookId).Add(new Earlier(delivery.Id, delivery.Sequence, Ours: false));
    }

    /// <summary>
    /// After a call.update merged into an ended call (<paramref name="before"/> is the call as known before it): an end
    /// delivery not sent yet is rendered again with what is known now, and made due if what it waits for has come; for an
    /// end already on its way, a webhook with sendUpdates gets an update delivery when a value its template uses changed.
    /// </summary>
    public async Task<int> UpdateAsync(PhoneCall call, CallRoute? route, CallData before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(before);
        if (route is null || !call.Ended || call.HeldEndUntil is not null) return 0;
        var ids = EndWebhooks(call, route);
        if (ids.Count == 0) return 0;
        var after = CallDataBuilder.Build(call, route);
        var stored = await db.Deliveries.AsNoTracking().Where(d => d.CallKey == call.Key)
            .Select(d => new { d.Id, d.WebhookId, d.Trigger, Unsent = d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.LeasedBy == null })
            .ToListAsync(ct).ConfigureAwait(false);
        var updates = new List<string>();
        foreach (var webhookId in ids)
        {
            var end = stored.Find(d => d.WebhookId == webhookId && d.Trigger == "end");
            var madeNow = Made.FindIndex(d => d.CallKey == call.Key && d.WebhookId == webhookId && d.Trigger == "end");
            if (end is null && madeNow < 0) continue; // skipped by a condition, or never made: nothing to update
            if (await WebhookAsync(webhookId, ct).ConfigureAwait(false) is not { } webhook) continue;
            var template = webhook.TemplateId is { } templateId ? await TemplateAsync(templateId, ct).ConfigureAwait(false) : null;
            if (template is null && !WebhookBodies.IsPixel(webhook)) continue;
            var unsent = madeNow >= 0 ? Made[madeNow].LeasedBy is null : end!.Unsent;
            if (unsent)
            {
                // Not on its way yet: the end itself carries the update.
                var earlier = stored.Exists(d => d.WebhookId == webhookId && d.Trigger != "end")
                    || Made.Exists(d => d.CallKey == call.Key && d.WebhookId == webhookId && d.Trigger != "end");
                var seen = after.ForDelivery(DeliveryEvent.CallEnd, earlier ? LeadStatus.Resend : LeadStatus.New);
                var (_, body) = WebhookBodies.Render(webhook, template, seen, CallMoment.End);
                var url = WebhookBodies.RenderUrl(webhook, template, seen, CallMoment.End);
                DateTimeOffset? due = webhook.WaitForSeconds is null || Satisfied(webhook, after) ? time.GetUtcNow() : null;
                if (madeNow >= 0) Made[madeNow] = Rendered(Made[madeNow], body, url, due);
                else RenderedAgain.Add(new RenderedAgain(end!.Id, body, url, due));
                if (due is not null) Unleased++;
            }
            else if (webhook.SendUpdates && Changed(webhook, template, before, after))
            {
                updates.Add(webhookId);
            }
        }
        var trigger = UpdateTrigger + call.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await AddAsync(call, route, updates, trigger, DeliveryMoments.Update, EndSequence + call.Version, CallMoment.End, ct).ConfigureAwait(false);
    }

    /// <summary>Whether a value the template or the URL uses differs; %event% and %lead_status% do not count.</summary>
    private static bool Changed(Webhook webhook, CompiledTemplate? template, CallData before, CallData after) =>
        !string.Equals(WebhookBodies.RenderUrl(webhook, template, before, CallMoment.End), WebhookBodies.RenderUrl(webhook, template, after, CallMoment.End), StringComparison.Ordinal)
        || template is not null && template.Tokens.Any(t => t.Category != TokenCategory.Delivery && (t.Key == "tags"
            ? !before.Tags.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(after.Tags.OrderBy(p => p.Key, StringComparer.Ordinal))
            : !string.Equals(before.Values.GetValueOrDefault(t.Key), after.Values.GetValueOrDefault(t.Key), StringComparison.Ordinal)));

    // The same delivery, still to be written, with a body rendered again.
    private static Delivery Rendered(Delivery d, byte[] body, string? url, DateTimeOffset? due) => new()
    {
        Id = d.Id, GroupId = d.GroupId, WebhookId = d.WebhookId, CallId = d.CallId, CallKey = d.CallKey, At = d.At, Sequence = d.Sequence,
        Trigger = d.Trigger, ContentType = d.ContentType, Body = body, Url = url, Status = d.Status, Attempts = d.Attempts, CreatedAt = d.CreatedAt,
        WindowStart = d.WindowStart, NextAttemptAt = due ?? d.NextAttemptAt, LeaseUntil = d.LeaseUntil, LeasedBy = d.LeasedBy,
    };
}
