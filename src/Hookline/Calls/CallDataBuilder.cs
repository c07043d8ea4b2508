using Hookline.Core.Calls;
using Hookline.Core.Tokens;
using Hookline.Locations;

namespace Hookline.Calls;

/// <summary>The data points of a call for rendering: its own values, plus the location's, the campaign's and its tags.</summary>
public static class CallDataBuilder
{
    public static CallData Build(PhoneCall call, CallRoute? route)
    {
        ArgumentNullException.ThrowIfNull(call);
        var prompts = call.Prompts.ConvertAll(p => new PromptResponse(p.Question, p.QuestionLink, p.Response));
        return call.Updates.Count == 0
            ? Build(call.Values, prompts, route?.Location, route?.Campaign.Name, route?.Campaign.Tags ?? [])
            : LateData.Build(call, prompts, route);
    }

    /// <summary>The call's values with the location's and the campaign's laid over them.</summary>
    public static CallData Build(
        IReadOnlyDictionary<string, string> callValues, IReadOnlyList<PromptResponse> prompts, Location? location, string? campaignName,
        IReadOnlyDictionary<string, string> tags)
    {
        var values = new Dictionary<string, string>(callValues, StringComparer.Ordinal);
        Set(values, "campaign_name", campaignName);
        if (location is { } l)
        {
            Set(values, "location_name", l.Name);
            Set(values, "location_address_line_1", l.AddressLine1);
            Set(values, "location_address_line_2", l.AddressLine2);
            Set(values, "location_address_city", l.City);
            Set(values, "location_address_state", l.State);
            Set(values, "location_address_zip", l.Zip);
            Set(values, "account_id", l.AccountId);
            Set(values, "location_id", l.ExternalLocationId);
            Set(values, "site_id", l.SiteId);
            Set(values, "domain_id", l.DomainId);
        }
        return new CallData(values, prompts, tags);
    }

    /// <summary>Whether the call came from a web visitor's session: it carries a value for any <c>dni</c> data point.</summary>
    public static bool HasDni(PhoneCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Values.Keys.Any(k => TokenCatalog.TryGet(k, out var t) && t.Category == TokenCategory.Dni);
    }

    private static void Set(Dictionary<string, string> values, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) values[key] = value;
    }
}
