using Hookline.Core.Calls;
using Hookline.Deliveries;

namespace Hookline.Calls;

/// <summary>
/// <c>call.update</c>: data known only after the call (a recording, a late lookup, tags set by an agent), merged into the
/// call over what its begin and end said, whenever they come.
/// </summary>
public static class LateData
{
    public const string TagPrefix = "tags.";

    /// <summary>Merges an update into its call; a call that has begun and ended may get deliveries from it (<see cref="DeliveryPlanner.UpdateAsync"/>).</summary>
    public static async Task<int> ApplyUpdateAsync(CallEventRequest e, PhoneCall call, CallResolver resolver, DeliveryPlanner planner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(planner);
        // A call Hookline has not seen begin is held, as an early end is: the update waits in the call for its begin.
        var route = call.Begun ? await resolver.ByCampaignAsync(call.CampaignId, ct).ConfigureAwait(false) : null;
        var before = route is null ? null : CallDataBuilder.Build(call, route);
        var merged = new Dictionary<string, string>(call.Updates, StringComparer.Ordinal);
        foreach (var (key, value) in e.Values)
        {
            if (key != "callid") merged[key] = value;
        }
        call.Updates = merged;
        return before is null ? 0 : await planner.UpdateAsync(call, route, before, ct).ConfigureAwait(false);
    }

    /// <summary>The call's data with its updates laid over its own values, and tags set by updates over the campaign's.</summary>
    internal static CallData Build(PhoneCall call, IReadOnlyList<PromptResponse> prompts, CallRoute? route)
    {
        var values = new Dictionary<string, string>(call.Values, StringComparer.Ordinal);
        var tags = new Dictionary<string, string>(route?.Campaign.Tags ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in call.Updates)
        {
            if (key.StartsWith(TagPrefix, StringComparison.Ordinal)) tags[key[TagPrefix.Length..]] = value;
            else values[key] = value;
        }
        return CallDataBuilder.Build(values, prompts, route?.Location, route?.Campaign.Name, tags);
    }

    /// <summary>Writes the end deliveries rendered again; one a dispatcher has taken meanwhile makes the intake start over.</summary>
    internal static async Task WriteAsync(StatementBatch rows, IReadOnlyList<RenderedAgain> rendered, CancellationToken ct)
    {
        if (rendered.Count == 0) return;
        var update = rows.Statement("""
            UPDATE deliveries SET "Body" = @body, "Url" = @url, "NextAttemptAt" = COALESCE(@due, "NextAttemptAt")
            WHERE "Id" = @id AND "Status" = 'pending' AND "Attempts" = 0 AND "LeasedBy" IS NULL
            """, "body", "url", "due", "id");
        foreach (var r in rendered) await rows.RunCheckedAsync(update, ct, r.Body, DeliveryStore.Text(r.Url), DeliveryStore.Millis(r.DueAt), r.Id);
    }
}
