namespace Hookline.Deliveries;

/// <summary>A delivery as the log's table shows it: with its webhook's and location's names and its last attempt's status code.</summary>
/// <param name="LastStatusCode">The status code of the latest attempt; null before the first, or when the last got no answer.</param>
public sealed record DeliveryRow(Delivery Delivery, string WebhookName, string LocationId, string LocationName, int? LastStatusCode);

/// <summary>One page of <see cref="DeliveryRow"/>s, newest first, with the cursors of the pages beside it (null where there is none).</summary>
public sealed record DeliveryRowPage(List<DeliveryRow> Rows, string? Older, string? Newer);

/// <summary>
/// The deliveries created in one hour (UTC): those the receiver accepted, and those not delivered that have failed at
/// least once (still being retried, or given up). A delivery created that hour and not tried yet is in neither.
/// </summary>
public sealed record HourCount(DateTimeOffset Start, int Delivered, int Failed);
