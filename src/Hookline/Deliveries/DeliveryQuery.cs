using System.Globalization;
using Hookline.Api;

namespace Hookline.Deliveries;

/// <summary>
/// The delivery log's filters and page as the address carries them (<c>?webhook=…&amp;status=failed&amp;before=dlv_…</c>):
/// the search form is a GET, so a filtered page can be bookmarked, shared and paged.
/// </summary>
public sealed record DeliveryQuery(string? Webhook, string? CallId, string? Status, string? Since, string? Before, string? After, string? Limit)
{
    /// <summary>The formats a "Since" box sends (datetime-local), and ISO 8601 with an offset for a typed address.</summary>
    private static readonly string[] LocalFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF", "yyyy-MM-dd"];

    /// <summary>The service's filter, or the failure of the fields that cannot be read (keyed <c>since</c>, <c>limit</c>).</summary>
    public Outcome<DeliveryFilter> ToFilter(string? locationId)
    {
        var v = new Validation();
        DateTimeOffset? since = null;
        if (!string.IsNullOrWhiteSpace(Since))
        {
            if (DateTime.TryParseExact(Since.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var local))
                since = new DateTimeOffset(local, TimeSpan.Zero);
            else if (DateTimeOffset.TryParse(Since.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any)) since = any;
            else v.Add("since", "since must be a date and time, such as 2026-12-01T09:30 (UTC).");
        }
        int? limit = null;
        if (!string.IsNullOrEmpty(Limit))
        {
            if (int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l)) limit = l;
            else v.Add("limit", $"limit is 1 to {DeliveryService.MaxLimit}.");
        }
        if (!v.IsValid) return v.ToFailure();
        return new DeliveryFilter(Blank(Webhook), locationId, Blank(CallId)?.Trim(), Blank(Status), since, limit, Blank(Before), Blank(After));
    }

    /// <summary>The address of the page beside this one: the same filters, one cursor.</summary>
    public string PageHref(string path, string cursor, string id)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) pairs.Add(new(key, value));
        }
        Add("webhook", Webhook);
        Add("callId", CallId);
        Add("status", Status);
        Add("since", Since);
        Add("limit", Limit);
        Add(cursor, id);
        return path + QueryString.Create(pairs);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
