using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Hookline.Api;
using Hookline.Core.Conditions;
using Hookline.Core.Tokens;

namespace Hookline.Webhooks;

/// <summary>One condition as stored: its token in canonical spelling, its op's API name, and its value or values.</summary>
public sealed class StoredCondition
{
    public string Token { get; set; } = "";
    public string Op { get; set; } = "";
    public string? Value { get; set; }
    public List<string>? Values { get; set; }

    /// <summary>The condition as the API shows it: <c>{token, op, value}</c>, the value a string, a list (for <c>in</c>) or absent.</summary>
    public ConditionInput ToInput() => new(Token, Op, Values is not null ? JsonSerializer.SerializeToElement(Values)
        : Value is not null ? JsonSerializer.SerializeToElement(Value) : null);
}

/// <summary><c>waitFor</c> as sent: the tokens an end delivery waits for, and for how long at most.</summary>
public sealed record WaitForRequest(List<string?>? Tokens, int? MaxSeconds);

/// <summary>
/// A webhook's conditions, <c>waitFor</c> and <c>sendUpdates</c> (API.md "Conditions", "Late data and updates"): their
/// checks, keyed as the API keys them, their stored shape, and the compiled conditions the planner evaluates.
/// </summary>
public static class WebhookConditions
{
    public const int MaxWaitSeconds = 86_400;
    public const int MaxWaitTokens = 20;

    // Compiled once per webhook version: the planner evaluates them for every delivery it would make.
    private static readonly ConcurrentDictionary<(string Id, DateTimeOffset UpdatedAt), ConditionSet> Compiled = new();

    public static void Validate(Validation v, WebhookRequest r)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(r);
        if (!ConditionSet.TryCompile(r.Conditions, out _, out var errors))
            foreach (var e in errors) v.Add(e.Key, e.Message);
        if (r.WaitFor is not { } wait) return;
        if (wait.MaxSeconds is not { } seconds)
            v.Add("waitFor.maxSeconds", string.Create(CultureInfo.InvariantCulture, $"waitFor.maxSeconds is required: 1 to {MaxWaitSeconds:N0}."));
        else if (seconds is < 1 or > MaxWaitSeconds)
            v.Add("waitFor.maxSeconds", string.Create(CultureInfo.InvariantCulture, $"waitFor.maxSeconds is 1 to {MaxWaitSeconds:N0} (got {seconds})."));
        if (wait.Tokens is not { Count: > 0 } tokens)
        {
            v.Add("waitFor.tokens", "waitFor.tokens needs at least one data point, such as %rec_audiourl%.");
            return;
        }
        if (tokens.Count > MaxWaitTokens) v.Add("waitFor.tokens", $"waitFor.tokens holds at most {MaxWaitTokens} data points (got {tokens.Count}).");
        for (var i = 0; i < tokens.Count && i < MaxWaitTokens; i++)
        {
            if (WaitToken(tokens[i]) is null)
                v.Add($"waitFor.tokens[{i}]", $"{Validation.Clip(tokens[i] ?? "null")} is not a data point a call can carry; see the list of data points.");
        }
    }

    /// <summary>A data point's canonical spelling (<c>%rec_audiourl%</c>) when a call's events can give it a value; otherwise null.</summary>
    private static string? WaitToken(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var name = text.Length > 2 && text[0] == '%' && text[^1] == '%' ? text[1..^1] : text;
        return TokenCatalog.TryGet(name, out var token) && token is { IsNested: false, MemberOf: null }
            && token.Category != TokenCategory.Delivery
            ? token.Token : null;
    }

    /// <summary>Sets the stored settings from a request already checked by <see cref="Validate"/>.</summary>
    public static void Apply(WebhookRequest r, Webhook w)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(w);
        ConditionSet.TryCompile(r.Conditions, out var set, out _);
        w.Conditions = (set ?? ConditionSet.None).Conditions.Select(c => new StoredCondition
        {
            Token = c.Token, Op = c.OpName, Value = c.Value, Values = c.Values is null ? null : [.. c.Values],
        }).ToList();
        w.WaitForTokens = r.WaitFor?.Tokens is { } tokens ? [.. tokens.Select(WaitToken).OfType<string>().Distinct(StringComparer.Ordinal)] : [];
        w.WaitForSeconds = w.WaitForTokens.Count > 0 ? r.WaitFor!.MaxSeconds : null;
        w.SendUpdates = r.SendUpdates == true;
    }

    /// <summary>The webhook's conditions, compiled (they were checked when saved).</summary>
    public static ConditionSet For(Webhook w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.Conditions.Count == 0) return ConditionSet.None;
        return Compiled.GetOrAdd((w.Id, w.UpdatedAt), static (key, conditions) =>
        {
            if (Compiled.Count > 10_000) Compiled.Clear();
            return ConditionSet.TryCompile([.. conditions.Select(c => c.ToInput())], out var set, out _) ? set : ConditionSet.None;
        }, w.Conditions);
    }

    /// <summary><c>waitFor</c> as the API shows it, or null when the webhook does not wait.</summary>
    public static WaitForRequest? WaitFor(Webhook w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.WaitForSeconds is { } seconds && w.WaitForTokens.Count > 0 ? new WaitForRequest([.. w.WaitForTokens], seconds) : null;
    }
}
