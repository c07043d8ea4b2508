using System.Globalization;
using System.Text.RegularExpressions;
using Hookline.Api;
using Hookline.Web;

namespace Hookline.Campaigns;

/// <summary>
/// What the campaign form posts: the fields of <see cref="CampaignRequest"/>, with the tracking numbers as lines of text
/// and the tags and webhooks as rows. Rows left empty are not sent.
/// </summary>
public sealed partial class CampaignInput
{
    public string? Name { get; set; }
    public string? Kind { get; set; } = "offline";
    public string? TrackingNumbers { get; set; }
    public string? TreatmentId { get; set; }
    public List<TagRowInput> Tags { get; set; } = [new()];
    public List<WebhookRowInput> Webhooks { get; set; } = [new()];

    /// <summary>The button that posted the form, when it is not Save: <c>add-tag</c>, <c>remove-webhook:1</c>, …</summary>
    public string? Command { get; set; }

    public static CampaignInput From(Campaign c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Name = c.Name, Kind = c.Kind, TreatmentId = c.TreatmentId,
            TrackingNumbers = string.Join('\n', c.TrackingNumbers.Select(n => n.Number).Order(StringComparer.Ordinal)),
            Tags = c.Tags.Count == 0 ? [new()] : [.. c.Tags.Select(t => new TagRowInput { Name = t.Key, Value = t.Value })],
            Webhooks = c.Webhooks.Count == 0 ? [new()] : [.. c.Webhooks.Select(w => new WebhookRowInput { WebhookId = w.WebhookId, At = w.At })],
        };
    }

    /// <summary>Adds or removes a row when a row's button posted the form; false when the form is to be saved.</summary>
    public bool ApplyRowCommand()
    {
        switch (Command)
        {
            case "add-tag": Tags.Add(new()); return true;
            case "add-webhook": Webhooks.Add(new()); return true;
        }
        if (FormCommand.Index(Command, "remove-tag") is >= 0 and var tag) { FormCommand.RemoveAt(Tags, tag); return true; }
        if (FormCommand.Index(Command, "remove-webhook") is >= 0 and var webhook) { FormCommand.RemoveAt(Webhooks, webhook); return true; }
        return false;
    }

    /// <summary>The row a row command just added, to put the focus in; -1 otherwise.</summary>
    public int AddedRow(string list) => Command == "add-" + list ? (list == "tag" ? Tags.Count : Webhooks.Count) - 1 : -1;

    /// <summary>Tag rows that give one name twice: a request cannot carry them (a JSON object names a member once).</summary>
    public Failure? RowErrors()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Tags.Count; i++)
        {
            if (!Tags[i].IsEmpty && !seen.Add(Tags[i].Name ?? ""))
                errors[$"tags[{i}].name"] = [$"tags.{Tags[i].Name} is given twice."];
        }
        return errors.Count == 0 ? null : FailureStatus.Invalid(errors);
    }

    public CampaignRequest ToRequest()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in Tags.Where(t => !t.IsEmpty)) tags.TryAdd(tag.Name ?? "", tag.Value ?? "");
        return new(Name, string.IsNullOrEmpty(Kind) ? null : Kind, [.. NumberLines().Select(l => l.Text)], tags,
            string.IsNullOrEmpty(TreatmentId) ? null : TreatmentId,
            [.. Webhooks.Where(w => !w.IsEmpty).Select(w => new CampaignWebhookRequest(w.WebhookId, w.At))]);
    }

    /// <summary>
    /// The service's failure with its keys turned into the form's: <c>webhooks[i]</c> counts the rows sent, the form
    /// counts every row; <c>tags.Region</c> is the row named Region; a tracking number's error names its line.
    /// </summary>
    public Failure ToForm(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var sentWebhooks = Enumerable.Range(0, Webhooks.Count).Where(i => !Webhooks[i].IsEmpty).ToList();
        var lines = NumberLines();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, IEnumerable<string> messages)
        {
            if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
            list.AddRange(messages);
        }
        foreach (var (key, messages) in failure.Errors)
        {
            if (WebhookKey().Match(key) is { Success: true } w && int.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < sentWebhooks.Count)
                Add($"webhooks[{sentWebhooks[i]}].{w.Groups[2].Value}", messages);
            else if (NumberKey().Match(key) is { Success: true } n && int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) is var k && k < lines.Count)
                Add("trackingNumbers", messages.Select(m => $"Line {lines[k].Line}: {m}"));
            else if (key.StartsWith("tags.", StringComparison.Ordinal) && Tags.FindIndex(t => !t.IsEmpty && (t.Name ?? "") == key[5..]) is >= 0 and var row)
                Add($"tags[{row}].value", messages);
            else Add(key, messages);
        }
        return failure with { Errors = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) };
    }

    /// <summary>The non-blank lines of the tracking numbers box, with their line numbers (from 1).</summary>
    private List<(string Text, int Line)> NumberLines() =>
        [.. (TrackingNumbers ?? "").Split('\n').Select((text, i) => (Text: text.Trim(), Line: i + 1)).Where(l => l.Text.Length > 0)];

    [GeneratedRegex(@"^webhooks\[(\d+)\]\.(\w+)$")]
    private static partial Regex WebhookKey();

    [GeneratedRegex(@"^trackingNumbers\[(\d+)\]$")]
    private static partial Regex NumberKey();
}

/// <summary>One row of "Tag Name" and "Tag Value"; a row with both empty is not sent.</summary>
public sealed class TagRowInput
{
    public string? Name { get; set; }
    public string? Value { get; set; }

    public bool IsEmpty => string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(Value);
}
