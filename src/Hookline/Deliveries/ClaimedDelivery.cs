namespace Hookline.Deliveries;

/// <summary>A delivery a worker holds a lease on: what it needs to send it and to decide what comes next.</summary>
/// <param name="LeaseUntil">When the lease runs out; it is not sent once too little of it is left for an attempt.</param>
/// <param name="After">
/// Earlier deliveries of the same call and webhook that were still pending when this one was handed over in memory
/// (none for a claimed one: the claim takes none while an earlier one is pending). It is sent only after they are delivered.
/// </param>
/// <param name="Url">The URL rendered for its call (tokens in the webhook's URL), or null for the webhook's URL.</param>
/// <param name="Origin">The trace of the intake that made it, when handed over in memory: its attempts are traced under it.</param>
public sealed record ClaimedDelivery(
    string Id, string WebhookId, string ContentType, byte[] Body, int Attempts, DateTimeOffset WindowStart, bool Probe, DateTimeOffset LeaseUntil,
    IReadOnlyList<string>? After = null, string? Url = null, System.Diagnostics.ActivityContext Origin = default);
