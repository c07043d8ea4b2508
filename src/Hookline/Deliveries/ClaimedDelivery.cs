namespace Hookline.Deliveries;

/// <summary>A delivery a worker holds a lease on: what it needs to send it and to decide what comes next.</summary>
public sealed record ClaimedDelivery(string Id, string WebhookId, string ContentType, byte[] Body, int Attempts, DateTimeOffset WindowStart, bool Probe);
