using System.Text.Json;
using Hookline.Core.Tokens;

namespace Hookline.Core.Calls;

/// <summary>
/// The data of one call: token values, IVR steps and campaign tags, and for a delivery the values the server
/// supplies (<c>%event%</c>, <c>%lead_status%</c>: see <see cref="ForDelivery"/>). Immutable.
/// </summary>
public sealed class CallData
{
    private static readonly int EventOrdinal = Ordinal("event");
    private static readonly int LeadStatusOrdinal = Ordinal("lead_status");

    // Values by token ordinal, so that rendering reads an array rather than hashing 79 keys.
    private readonly string?[] slots = new string?[TokenCatalog.All.Count];

    /// <summary>
    /// A call with its values by token key. The delivery tokens (<c>event</c>, <c>lead_status</c>) are not call data
    /// and are ignored here, as keys that are no tokens are: a call cannot claim its own lead status.
    /// </summary>
    public CallData(
        IReadOnlyDictionary<string, string> values,
        IReadOnlyList<PromptResponse>? promptResponses = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                continue;
            }

            var known = TokenCatalog.TryGet(key, out var token);
            if (known && token!.Category == TokenCategory.Delivery)
            {
                continue;
            }

            copy[key] = value;
            if (known && token!.Role == TokenRole.Scalar)
            {
                slots[token.Ordinal] = value;
            }
        }

        Values = copy;
        Steps = promptResponses is null ? [] : [.. promptResponses.Where(p => p is not null)];
        TagList = tags is null ? [] : [.. tags.Where(t => t.Key is not null && t.Value is not null)];
        Tags = TagList.ToDictionary(StringComparer.Ordinal);
    }

    // The same call for one delivery: everything shared but the delivery tokens' slots.
    private CallData(CallData call, string? deliveryEvent, string? leadStatus)
    {
        call.slots.CopyTo(slots, 0);
        slots[EventOrdinal] = deliveryEvent;
        slots[LeadStatusOrdinal] = leadStatus;
        Values = call.Values;
        Steps = call.Steps;
        TagList = call.TagList;
        Tags = call.Tags;
    }

    /// <summary>Token key (without percent signs) to value, as the call gave them (the delivery tokens are not among them).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The IVR steps, in order.</summary>
    public IReadOnlyList<PromptResponse> PromptResponses => Steps;

    /// <summary>The campaign's tags, e.g. Region: south.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    internal PromptResponse[] Steps { get; }

    internal KeyValuePair<string, string>[] TagList { get; }

    /// <summary>
    /// Reads the call-intake shape: an object keyed by token keys. Strings are taken as they are, numbers as
    /// their JSON text, booleans as true/false, null as absent; <c>prompt_responses</c> is an array of
    /// <c>{question, question_link, response}</c> and <c>tags</c> an object. Keys that are not tokens are ignored.
    /// </summary>
    /// <exception cref="CallDataException">A value has the wrong shape.</exception>
    public static CallData FromJson(JsonElement obj) => CallDataReader.Read(obj);

    /// <summary>The value of <c>%event%</c> set by <see cref="ForDelivery"/>, or null: then it follows the moment rendered.</summary>
    public string? Event => slots[EventOrdinal];

    /// <summary>The value of <c>%lead_status%</c> set by <see cref="ForDelivery"/>, or null: then it has no value.</summary>
    public string? LeadStatus => slots[LeadStatusOrdinal];

    /// <summary>
    /// The same call as one delivery sees it, with <c>%event%</c> and <c>%lead_status%</c> set. Cheap (the call's data is
    /// shared): make one per delivery. Without it <c>%event%</c> follows the moment (<c>call_begin</c> at
    /// <see cref="CallMoment.Begin"/>, <c>call_end</c> at <see cref="CallMoment.End"/>) and <c>%lead_status%</c> has no value.
    /// </summary>
    public CallData ForDelivery(DeliveryEvent @event, LeadStatus leadStatus) =>
        new(this, DeliveryValues.Name(@event), DeliveryValues.Name(leadStatus));

    internal CallData WithLeadStatus(LeadStatus leadStatus) => new(this, Event, DeliveryValues.Name(leadStatus));

    /// <summary>A token's value at a moment: call_end data points have none at the beginning; %event% follows the moment unless set.</summary>
    internal string? ValueOf(TokenInfo token, CallMoment at)
    {
        if (token.Category == TokenCategory.CallEnd && at == CallMoment.Begin)
        {
            return null;
        }

        var value = slots[token.Ordinal];
        if (value is null && token.Ordinal == EventOrdinal)
        {
            return DeliveryValues.Name(at == CallMoment.Begin ? DeliveryEvent.CallBegin : DeliveryEvent.CallEnd);
        }

        return value;
    }

    private static int Ordinal(string key) =>
        TokenCatalog.TryGet(key, out var token) ? token.Ordinal : throw new InvalidOperationException($"The catalogue has no token '{key}'.");
}
