using System.Text.Json;
using Hookline.Core.Conditions;
using Hookline.Core.Tokens;

namespace Hookline.Webhooks;

/// <summary>One row of "Data Point", "Operator" and "Value" in the wizard's Conditions.</summary>
public sealed class ConditionRow
{
    public string? Token { get; set; }
    public string Op { get; set; } = "eq";

    /// <summary>The value as typed; for <c>in</c>, values separated by commas.</summary>
    public string? Value { get; set; }
}

/// <summary>The wizard's Conditions, "Wait for" and "Send updates": from a stored webhook, and into the API's request.</summary>
public static class WizardLateData
{
    /// <summary>The data points a condition can test or an end can wait for: every one a call carries, less the nested ones.</summary>
    public static IReadOnlyList<TokenInfo> DataPoints { get; } =
        [.. TokenCatalog.All.Where(t => t is { IsNested: false, MemberOf: null } && t.Category != TokenCategory.Delivery)];

    public static List<ConditionInput?> Conditions(WebhookDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.Conditions.ConvertAll(r => (ConditionInput?)Input(r));
    }

    public static WaitForRequest? WaitFor(WebhookDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.WaitForTokens.Length == 0 ? null
            : new WaitForRequest([.. draft.WaitForTokens], draft.WaitMinutes is { } minutes ? (int)Math.Min(int.MaxValue, minutes * 60L) : null);
    }

    public static void Fill(WebhookDraft draft, Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(webhook);
        draft.Conditions.Clear();
        draft.Conditions.AddRange(webhook.Conditions.Select(c => new ConditionRow
        {
            Token = c.Token, Op = c.Op, Value = c.Values is { } values ? string.Join(", ", values) : c.Value,
        }));
        draft.WaitForTokens = [.. webhook.WaitForTokens];
        draft.WaitMinutes = webhook.WaitForSeconds is { } seconds ? (seconds + 59) / 60 : null;
        draft.SendUpdates = webhook.SendUpdates;
    }

    /// <summary>The data points of a row that have no value at the beginning of a call (and so at an IVR selection): its warning.</summary>
    public static IReadOnlyList<string> WithoutValueAtBegin(ConditionRow row) =>
        ConditionSet.TryCompile([Input(row)], out var set, out _) ? set.WithoutValueAt(ConditionMoment.Begin) : [];

    /// <summary>A row as the API's condition: <c>in</c> takes the comma-separated values as a list; empty and notEmpty no value.</summary>
    public static ConditionInput Input(ConditionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var token = row.Token?.Trim();
        if (row.Op is "empty" or "notEmpty") return new ConditionInput(token, row.Op);
        if (string.IsNullOrWhiteSpace(row.Value)) return new ConditionInput(token, row.Op);
        return row.Op == "in"
            ? new ConditionInput(token, row.Op, JsonSerializer.SerializeToElement(row.Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)))
            : new ConditionInput(token, row.Op, JsonSerializer.SerializeToElement(row.Value.Trim()));
    }
}
