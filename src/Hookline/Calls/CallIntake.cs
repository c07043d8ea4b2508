using Hookline.Deliveries;
using Hookline.Storage;
using Hookline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Calls;

public sealed record IntakeResult(int Accepted, int Deliveries);

/// <summary>
/// Applies a batch of call events and plans the deliveries they cause, all written in one transaction (shared with
/// concurrent requests: <see cref="IntakeWriter"/>): the caller answers 202 only once events and deliveries are
/// committed together, so nothing accepted is lost.
/// </summary>
public sealed partial class CallIntake(
    HooklineDbContext db, TemplateStore templates, IntakeWriter writer, DeliveryHandOff handOff, DeliverySignal signal, TimeProvider time,
    ILogger<CallIntake> logger)
{
    public static readonly TimeSpan HoldEndFor = TimeSpan.FromMinutes(10);
    private const int MaxTries = 5;

    /// <param name="callerGroupId">The group of the key that posted, or null for an admin key.</param>
    public async Task<IntakeResult> AcceptAsync(IReadOnlyList<CallEventRequest> events, string? callerGroupId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var activity = Operations.HooklineTelemetry.StartIntake(events.Count);
        using var turn = await writer.Turns.EnterAsync([.. events.Select(e => CallKey(callerGroupId, e.CallId)).Distinct(StringComparer.Ordinal)], ct)
            .ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await AcceptOnceAsync(events, callerGroupId, ct).ConfigureAwait(false);
                Operations.HooklineTelemetry.Accepted(events);
                return result;
            }
            catch (DbUpdateException e) when (attempt < MaxTries)
            {
                // Another request changed one of these calls, or stored the same event, first: start over on fresh state.
                // Expected under concurrent posts, so a debug line: the last try, if it fails too, is the error.
                LogRetry(logger, attempt, e);
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e)
            {
                LogGaveUp(logger, attempt, e);
                throw;
            }
        }
    }

    /// <summary>
    /// The key of a call: its id for an admin key (the telephony platform), and the id within the group for a
    /// group's key. Each group's events live apart, so no key can hold back, or add to, another group's call.
    /// </summary>
    public static string CallKey(string? callerGroupId, string callId) => callerGroupId is null ? callId : $"{callerGroupId}:{callId}";

    private async Task<IntakeResult> AcceptOnceAsync(IReadOnlyList<CallEventRequest> events, string? callerGroupId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var keys = events.Select(e => CallKey(callerGroupId, e.CallId)).Distinct(StringComparer.Ordinal).ToList();
        var calls = await db.Calls.AsNoTracking().Where(c => keys.Contains(c.Key)).ToDictionaryAsync(c => c.Key, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var write = new IntakeWrite();
        var read = calls.Values.ToDictionary(c => c.Key, c => c.Version, StringComparer.Ordinal);
        // A call not stored yet has no events or deliveries to look up. (One stored meanwhile by another request makes
        // this one's insert of it fail, and this request starts over.)
        var known = calls.Keys.ToList();
        var seen = known.Count == 0 ? []
            : (await db.CallEvents.AsNoTracking().Where(e => known.Contains(e.CallKey)).Select(e => new { e.CallKey, e.Type, e.Key })
                .ToListAsync(ct).ConfigureAwait(false)).Select(e => (e.CallKey, e.Type, e.Key)).ToHashSet();
        var planner = new DeliveryPlanner(db, templates, handOff, time);
        await planner.LoadExistingAsync(known, ct).ConfigureAwait(false);
        var resolver = new CallResolver(db);
        await resolver.PreloadAsync(events.Select(e => e.Values.GetValueOrDefault("tracking")).Concat(calls.Values.Select(c => c.Tracking)),
            calls.Values.Select(c => c.CampaignId), ct).ConfigureAwait(false);
        await planner.PreloadAsync(resolver.Routes, ct).ConfigureAwait(false);

        var deliveries = 0;
        foreach (var e in events)
        {
            var key = CallKey(callerGroupId, e.CallId);
            if (!seen.Add((key, e.Type, e.Key))) continue; // sent before: accepted, changes nothing
            if (!calls.TryGetValue(key, out var call))
            {
                call = new PhoneCall { Key = key, CallId = e.CallId, GroupId = callerGroupId, CreatedAt = now };
                calls[key] = call;
                write.NewCalls.Add(call);
            }
            write.Events.Add(new CallEvent { CallKey = key, Type = e.Type, Key = e.Key, Payload = e.Payload, ReceivedAt = now });
            call.UpdatedAt = now;
            call.Version++;
            deliveries += await ApplyAsync(e, call, callerGroupId, resolver, planner, now, ct).ConfigureAwait(false);
        }
        // A call seen before and changed now: written only if no one changed it since it was read.
        write.ChangedCalls.AddRange(read.Where(r => calls[r.Key].Version != r.Value).Select(r => (calls[r.Key], r.Value)));
        await CommitAsync(write, planner, ct).ConfigureAwait(false);
        return new IntakeResult(events.Count, deliveries);
    }

    private static async Task<int> ApplyAsync(
        CallEventRequest e, PhoneCall call, string? callerGroupId, CallResolver resolver, DeliveryPlanner planner, DateTimeOffset now, CancellationToken ct)
    {
        switch (e.Type)
        {
            case CallEventRequest.Begin:
                Merge(call, e.Values);
                call.Begun = true;
                var route = await ResolveAsync(call, callerGroupId, resolver, ct).ConfigureAwait(false);
                var made = await planner.BeginAsync(call, route, ct).ConfigureAwait(false);
                // Prompts that came before the begin fire their options now, then a held end.
                made += await planner.SelectAllAsync(call, route, ct).ConfigureAwait(false);
                if (call.Ended && call.HeldEndUntil is { } heldUntil)
                {
                    call.HeldEndUntil = null;
                    made += await planner.EndAsync(call, route, heldUntil - HoldEndFor, ct).ConfigureAwait(false);
                }
                return made;
            case CallEventRequest.Update:
                return await LateData.ApplyUpdateAsync(e, call, resolver, planner, ct).ConfigureAwait(false);
            case CallEventRequest.Prompt:
                call.Prompts.Add(new PromptStep
                {
                    Question = e.Values.GetValueOrDefault("question"),
                    QuestionLink = e.Values.GetValueOrDefault("question_link"),
                    Response = e.Values.GetValueOrDefault("response"),
                });
                call.Prompts = [.. call.Prompts]; // a new list, so the JSON column is seen as changed
                return call.Begun
                    ? await planner.SelectAsync(call, await resolver.ByCampaignAsync(call.CampaignId, ct).ConfigureAwait(false), call.Prompts.Count - 1, ct).ConfigureAwait(false)
                    : 0;
            default:
                Merge(call, e.Values);
                call.Ended = true;
                if (!call.Begun)
                {
                    call.HeldEndUntil = now + HoldEndFor;
                    return 0;
                }
                return await planner.EndAsync(call, await resolver.ByCampaignAsync(call.CampaignId, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Processes, alone, the held ends whose begin did not come within <see cref="HoldEndFor"/>.</summary>
    public async Task<int> ReleaseHeldEndsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var held = await db.Calls.AsNoTracking().Where(c => c.HeldEndUntil != null && c.HeldEndUntil <= now).OrderBy(c => c.HeldEndUntil).Take(500)
            .ToListAsync(ct).ConfigureAwait(false);
        var write = new IntakeWrite();
        if (held.Count == 0) return 0;
        var planner = new DeliveryPlanner(db, templates, handOff, time);
        await planner.LoadExistingAsync([.. held.Select(c => c.Key)], ct).ConfigureAwait(false);
        var resolver = new CallResolver(db);
        foreach (var call in held)
        {
            write.ChangedCalls.Add((call, call.Version));
            var acceptedAt = call.HeldEndUntil!.Value - HoldEndFor;
            call.HeldEndUntil = null;
            call.Version++;
            // An admin's call is resolved across groups; a group's only within the group that posted it.
            var poster = call.Key == call.CallId ? null : call.GroupId;
            var route = await ResolveAsync(call, poster, resolver, ct).ConfigureAwait(false);
            await planner.SelectAllAsync(call, route, ct).ConfigureAwait(false);
            await planner.EndAsync(call, route, acceptedAt, ct).ConfigureAwait(false);
        }
        await CommitAsync(write, planner, ct).ConfigureAwait(false);
        return held.Count;
    }

    /// <summary>
    /// Commits the write; then, and only then, hands the deliveries leased to this node to its dispatcher, and wakes the
    /// claim for those that wait in the table.
    /// </summary>
    private async Task CommitAsync(IntakeWrite write, DeliveryPlanner planner, CancellationToken ct)
    {
        write.Deliveries.AddRange(planner.Made);
        write.Skips.AddRange(planner.Skipped);
        write.RenderedAgain.AddRange(planner.RenderedAgain);
        try
        {
            await writer.WriteAsync(write, ct).ConfigureAwait(false);
        }
        catch
        {
            planner.CancelHandOff();
            throw;
        }
        handOff.Deliver(planner.Handed);
        if (planner.Unleased > 0) signal.Notify();
    }

    private static async Task<CallRoute?> ResolveAsync(PhoneCall call, string? callerGroupId, CallResolver resolver, CancellationToken ct)
    {
        var route = await resolver.ByTrackingAsync(call.Values.GetValueOrDefault("tracking"), ct).ConfigureAwait(false);
        if (route is not null && callerGroupId is not null && route.Campaign.GroupId != callerGroupId) route = null;
        call.Tracking = call.Values.GetValueOrDefault("tracking");
        call.CampaignId = route?.Campaign.Id;
        call.LocationId = route?.Location.Id;
        call.GroupId = route?.Campaign.GroupId ?? call.GroupId;
        return route;
    }

    private static void Merge(PhoneCall call, Dictionary<string, string> values)
    {
        if (values.Count == 0) return;
        var merged = new Dictionary<string, string>(call.Values, StringComparer.Ordinal);
        foreach (var (key, value) in values) merged[key] = value;
        call.Values = merged;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call intake conflicted with a concurrent write (try {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call intake failed on each of its {Attempts} tries; the batch is refused")]
    private static partial void LogGaveUp(ILogger logger, int attempts, Exception exception);
}
