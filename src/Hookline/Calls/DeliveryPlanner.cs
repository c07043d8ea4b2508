using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Deliveries;
using Hookline.Storage;
using Hookline.Templates;
using Hookline.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Calls;

/// <summary>
/// Decides which webhooks a call event fires and adds their deliveries, rendered now from the call's data,
/// to the intake's write (<see cref="Made"/>). A delivery already made for the same call, webhook and trigger is not made again.
/// While the hand-off has room, a delivery is written already leased to this node and handed to its dispatcher once
/// committed (<see cref="Handed"/>), so no claim is needed for it.
/// </summary>
public sealed partial class DeliveryPlanner(HooklineDbContext db, TemplateStore templates, DeliveryHandOff handOff, TimeProvider time)
{
    public const int BeginSequence = 0;
    public const int EndSequence = 1_000_000;

    private readonly Dictionary<string, Webhook?> _webhooks = new(StringComparer.Ordinal);

    // Webhooks that are down: their deliveries wait in the table, for the probe.
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledTemplate?> _templates = new(StringComparer.Ordinal);
    private HashSet<(string CallKey, string WebhookId, string Trigger)> _made = [];

    // The pending deliveries of each call and webhook, for the order rule: whether a new one may be handed over behind them.
    private readonly Dictionary<(string CallKey, string WebhookId), List<Earlier>> _pending = [];
    private int _reserved;

    private sealed record Earlier(string Id, int Sequence, bool Ours);

    /// <summary>Every delivery made, to be written with the calls and events.</summary>
    public List<Delivery> Made { get; } = [];

    /// <summary>The calls a condition skipped, to be written to the skip log with the deliveries.</summary>
    public List<SkippedCall> Skipped { get; } = [];

    // The calls and webhooks that have a delivery already: %lead_status% is resend for the next.
    private readonly HashSet<(string CallKey, string WebhookId)> _sent = [];

    /// <summary>The deliveries written leased to this node: hand them over once the transaction has committed.</summary>
    public List<ClaimedDelivery> Handed { get; } = [];

    /// <summary>Deliveries made that wait for the claim.</summary>
    public int Unleased { get; private set; }

    /// <summary>Gives back the hand-off's room for deliveries that were not committed.</summary>
    public void CancelHandOff()
    {
        handOff.Cancel(_reserved);
        _reserved = 0;
        Handed.Clear();
    }

    /// <summary>Loads the deliveries the calls of a batch (by <see cref="PhoneCall.Key"/>) already have.</summary>
    public async Task LoadExistingAsync(IReadOnlyCollection<string> callKeys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(callKeys);
        if (callKeys.Count == 0) return;
        var made = await db.Deliveries.AsNoTracking().Where(d => callKeys.Contains(d.CallKey))
            .Select(d => new { d.Id, d.CallKey, d.WebhookId, d.Trigger, d.Sequence, d.Status, d.LeasedBy }).ToListAsync(ct).ConfigureAwait(false);
        _made = [.. made.Select(m => (m.CallKey, m.WebhookId, m.Trigger))];
        _sent.UnionWith(made.Select(m => (m.CallKey, m.WebhookId)));
        foreach (var m in made.Where(m => m.Status == DeliveryStatus.Pending))
            Pending(m.CallKey, m.WebhookId).Add(new Earlier(m.Id, m.Sequence, m.LeasedBy == handOff.Node));
    }

    /// <summary>Loads, in one query, the webhooks that any of these routes can fire.</summary>
    public async Task PreloadAsync(IEnumerable<CallRoute> routes, CancellationToken ct)
    {
        var ids = routes.SelectMany(r => r.Campaign.Webhooks.Select(w => w.WebhookId)
                .Concat(r.Treatment?.Options.SelectMany(o => o.Webhooks.Select(w => w.WebhookId)) ?? []))
            .Where(id => !_webhooks.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        var found = await db.Webhooks.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct).ConfigureAwait(false);
        foreach (var id in ids) _webhooks[id] = found.GetValueOrDefault(id);
        _down.UnionWith(await db.WebhookHealth.AsNoTracking().Where(h => ids.Contains(h.WebhookId) && h.IsDown).Select(h => h.WebhookId)
            .ToListAsync(ct).ConfigureAwait(false));
    }

    private List<Earlier> Pending(string callKey, string webhookId)
    {
        if (!_pending.TryGetValue((callKey, webhookId), out var list)) _pending[(callKey, webhookId)] = list = [];
        return list;
    }

    public async Task<int> BeginAsync(PhoneCall call, CallRoute? route, CancellationToken ct)
    {
        if (!Fires(call, route)) return 0;
        var ids = route!.Campaign.Webhooks.Where(w => w.At == "begin").Select(w => w.WebhookId);
        return await AddAsync(call, route, ids, "begin", "begin", BeginSequence, CallMoment.Begin, ct).ConfigureAwait(false);
    }

    /// <summary>Fires the <c>select</c> webhooks of every step not yet fired (a prompt can come before its begin).</summary>
    public async Task<int> SelectAllAsync(PhoneCall call, CallRoute? route, CancellationToken ct)
    {
        var made = 0;
        for (var step = 0; step < call.Prompts.Count; step++) made += await SelectAsync(call, route, step, ct).ConfigureAwait(false);
        return made;
    }

    public async Task<int> SelectAsync(PhoneCall call, CallRoute? route, int step, CancellationToken ct)
    {
        if (route?.Treatment is not { } treatment || call.Prompts[step].Response is not { } pressed) return 0;
        var option = treatment.Options.Find(o => o.Digit == pressed);
        if (option is null) return 0;
        var ids = option.Webhooks.Where(w => w.At == "select").Select(w => w.WebhookId);
        // Rendered with everything known so far: call_end data points have no value yet, the steps so far do.
        return await AddAsync(call, route, ids, $"select:{step}", "select", 1 + step, CallMoment.End, ct).ConfigureAwait(false);
    }

    public Task<int> EndAsync(PhoneCall call, CallRoute? route, CancellationToken ct) => EndAsync(call, route, null, ct);

    /// <summary>The call's end deliveries; <paramref name="acceptedAt"/> is when a held end was accepted, the start of its waitFor.</summary>
    public async Task<int> EndAsync(PhoneCall call, CallRoute? route, DateTimeOffset? acceptedAt, CancellationToken ct)
    {
        if (route is null) return 0;
        _endAcceptedAt = acceptedAt;
        try
        {
            return await AddAsync(call, route, EndWebhooks(call, route), "end", "end", EndSequence, CallMoment.End, ct).ConfigureAwait(false);
        }
        finally
        {
            _endAcceptedAt = null;
        }
    }

    /// <summary>The webhooks a call's end fires: its campaign's, and those of the options pressed, each once.</summary>
    private static List<string> EndWebhooks(PhoneCall call, CallRoute route)
    {
        var ids = new List<string>();
        if (Fires(call, route)) ids.AddRange(route.Campaign.Webhooks.Where(w => w.At == "end").Select(w => w.WebhookId));
        if (route.Treatment is { } treatment)
        {
            var pressed = call.Prompts.Select(p => p.Response).ToHashSet(StringComparer.Ordinal);
            ids.AddRange(treatment.Options.Where(o => pressed.Contains(o.Digit))
                .SelectMany(o => o.Webhooks.Where(w => w.At == "end").Select(w => w.WebhookId)));
        }
        // One end-of-call body per webhook, even when the campaign and a pressed option both name it.
        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A digital campaign fires only for calls with DNI data; an offline one for any call to its numbers.</summary>
    private static bool Fires(PhoneCall call, CallRoute? route) =>
        route is not null && (route.Campaign.Kind != "digital" || CallDataBuilder.HasDni(call));

    private async Task<int> AddAsync(
        PhoneCall call, CallRoute route, IEnumerable<string> webhookIds, string trigger, string at, int sequence, CallMoment moment, CancellationToken ct)
    {
        var added = 0;
        CallData? data = null;
        foreach (var webhookId in webhookIds)
        {
            if (!_made.Add((call.Key, webhookId, trigger))) continue;
            if (await WebhookAsync(webhookId, ct).ConfigureAwait(false) is not { } webhook) continue;
            var template = webhook.TemplateId is { } templateId ? await TemplateAsync(templateId, ct).ConfigureAwait(false) : null;
            if (template is null && !WebhookBodies.IsPixel(webhook)) continue;
            data ??= CallDataBuilder.Build(call, route);
            var now = time.GetUtcNow();
            var seen = data.ForDelivery(DeliveryMoments.Event(at), _sent.Contains((call.Key, webhookId)) ? LeadStatus.Resend : LeadStatus.New);
            if (WebhookConditions.For(webhook).FirstFailing(seen, moment) is { } failed)
            {
                Skipped.Add(SkippedCall.Of(webhook.Id, webhook.GroupId, call.CallId, at, failed, now));
                continue;
            }
            _sent.Add((call.Key, webhookId));
            var (contentType, body) = WebhookBodies.Render(webhook, template, seen, moment);
            var delivery = new Delivery
            {
                Id = Ids.New("dlv"), GroupId = webhook.GroupId, WebhookId = webhook.Id, CallId = call.CallId, CallKey = call.Key, At = at, Sequence = sequence,
                Trigger = trigger, ContentType = contentType, Body = body, Url = WebhookBodies.RenderUrl(webhook, template, seen, moment),
                CreatedAt = now, WindowStart = now, NextAttemptAt = now,
            };
            if (Waits(webhook, at, seen)) Wait(delivery, webhook, now);
            else Lease(delivery, webhook, now);
            Made.Add(delivery);
            added++;
        }
        return added;
    }

    /// <summary>
    /// Leases a new delivery to this node when its webhook is up, the hand-off has room, and every earlier pending delivery
    /// of its call and webhook is this node's too (it is then sent after them, in memory). Otherwise it waits for the claim.
    /// </summary>
    private void Lease(Delivery delivery, Webhook webhook, DateTimeOffset now)
    {
        var pending = Pending(delivery.CallKey, delivery.WebhookId);
        var earlier = pending.Where(p => p.Sequence < delivery.Sequence).ToList();
        var leased = !_down.Contains(webhook.Id) && earlier.TrueForAll(p => p.Ours) && handOff.TryReserve(1) == 1;
        pending.Add(new Earlier(delivery.Id, delivery.Sequence, leased));
        if (!leased)
        {
            Unleased++;
            return;
        }
        _reserved++;
        // The lease's end is also when it is due again, should this node die before the outcome is recorded.
        delivery.LeaseUntil = delivery.NextAttemptAt = now + handOff.LeaseDuration;
        delivery.LeasedBy = handOff.Node;
        Handed.Add(new ClaimedDelivery(delivery.Id, delivery.WebhookId, delivery.ContentType, delivery.Body, 0, delivery.WindowStart, Probe: false,
            delivery.LeaseUntil.Value, earlier.ConvertAll(p => p.Id), delivery.Url, System.Diagnostics.Activity.Current?.Context ?? default));
    }

    /// <summary>Looked up once per batch: the store checks the template's version with a query each time it is asked.</summary>
    private async Task<CompiledTemplate?> TemplateAsync(string id, CancellationToken ct)
    {
        if (!_templates.TryGetValue(id, out var template))
            _templates[id] = template = await templates.GetCompiledAsync(db, id, ct).ConfigureAwait(false);
        return template;
    }

    private async Task<Webhook?> WebhookAsync(string id, CancellationToken ct)
    {
        if (!_webhooks.TryGetValue(id, out var webhook))
        {
            _webhooks[id] = webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct).ConfigureAwait(false);
            if (await db.WebhookHealth.AsNoTracking().AnyAsync(h => h.WebhookId == id && h.IsDown, ct).ConfigureAwait(false)) _down.Add(id);
        }
        return webhook;
    }
}
