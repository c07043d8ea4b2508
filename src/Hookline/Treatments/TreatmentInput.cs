using System.Globalization;
using System.Text.RegularExpressions;
using Hookline.Api;
using Hookline.Web;

namespace Hookline.Treatments;

/// <summary>
/// What the call treatment form posts: the fields of <see cref="TreatmentRequest"/>, its options as rows and each
/// option's webhooks as rows of their own. Rows left empty are not sent.
/// </summary>
public sealed partial class TreatmentInput
{
    public string? Name { get; set; }
    public string? Question { get; set; }
    public string? QuestionLink { get; set; }
    public List<OptionRowInput> Options { get; set; } = [new()];

    /// <summary>The button that posted the form, when it is not Save: <c>add-option</c>, <c>add-webhook:0</c>, <c>remove-webhook:0:1</c>, …</summary>
    public string? Command { get; set; }

    public static TreatmentInput From(Treatment t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            Name = t.Name, Question = t.Question, QuestionLink = t.QuestionLink,
            Options = t.Options.Count == 0 ? [new()] : t.Options.ConvertAll(o => new OptionRowInput
            {
                Digit = o.Digit, Name = o.Name,
                Webhooks = o.Webhooks.Count == 0 ? [new()] : o.Webhooks.ConvertAll(w => new WebhookRowInput { WebhookId = w.WebhookId, At = w.At }),
            }),
        };
    }

    /// <summary>Adds or removes a row when a row's button posted the form; false when the form is to be saved.</summary>
    public bool ApplyRowCommand()
    {
        if (Command == "add-option")
        {
            Options.Add(new());
            return true;
        }
        if (FormCommand.Index(Command, "remove-option") is >= 0 and var option)
        {
            FormCommand.RemoveAt(Options, option);
            return true;
        }
        if (FormCommand.Index(Command, "add-webhook") is >= 0 and var to)
        {
            if (to < Options.Count) Options[to].Webhooks.Add(new());
            return true;
        }
        if (RemoveWebhookCommand().Match(Command ?? "") is { Success: true } m)
        {
            var (o, w) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            if (o < Options.Count) FormCommand.RemoveAt(Options[o].Webhooks, w);
            return true;
        }
        return false;
    }

    /// <summary>The option just added, whose "Digit" takes the focus; -1 otherwise.</summary>
    public int AddedOption => Command == "add-option" ? Options.Count - 1 : -1;

    /// <summary>The webhook row just added to option <paramref name="option"/>, whose select takes the focus; -1 otherwise.</summary>
    public int AddedWebhook(int option) =>
        FormCommand.Index(Command, "add-webhook") == option && option < Options.Count ? Options[option].Webhooks.Count - 1 : -1;

    public TreatmentRequest ToRequest() => new(Name, Blank(Question), Blank(QuestionLink),
        [.. Options.Where(o => !o.IsEmpty).Select(o => new TreatmentOptionRequest(o.Digit?.Trim(), o.Name,
            [.. o.Webhooks.Where(w => !w.IsEmpty).Select(w => new OptionWebhookRequest(w.WebhookId, w.At))]))]);

    /// <summary>The service's failure with its keys turned into the form's: <c>options[i]</c> and their <c>webhooks[j]</c> count the rows sent, the form every row.</summary>
    public Failure ToForm(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var sent = Enumerable.Range(0, Options.Count).Where(i => !Options[i].IsEmpty).ToList();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, messages) in failure.Errors)
        {
            var formKey = key;
            if (OptionKey().Match(key) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < sent.Count)
            {
                var option = Options[sent[i]];
                var rest = m.Groups[2].Value;
                if (WebhookKey().Match(rest) is { Success: true } w && int.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture) is var j)
                {
                    var sentWebhooks = Enumerable.Range(0, option.Webhooks.Count).Where(k => !option.Webhooks[k].IsEmpty).ToList();
                    if (j < sentWebhooks.Count) rest = $".webhooks[{sentWebhooks[j]}]{w.Groups[2].Value}";
                }
                formKey = $"options[{sent[i]}]{rest}";
            }
            if (!errors.TryGetValue(formKey, out var list)) errors[formKey] = list = [];
            list.AddRange(messages);
        }
        return failure with { Errors = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"^options\[(\d+)\](.*)$")]
    private static partial Regex OptionKey();

    [GeneratedRegex(@"^\.webhooks\[(\d+)\](.*)$")]
    private static partial Regex WebhookKey();

    [GeneratedRegex(@"^remove-webhook:(\d+):(\d+)$")]
    private static partial Regex RemoveWebhookCommand();
}

/// <summary>One option of a call treatment: "Digit", "Option Name" and its webhook rows. An option with nothing typed or chosen is not sent.</summary>
public sealed class OptionRowInput
{
    public string? Digit { get; set; }
    public string? Name { get; set; }
    public List<WebhookRowInput> Webhooks { get; set; } = [new()];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Digit) && string.IsNullOrWhiteSpace(Name) && Webhooks.TrueForAll(w => w.IsEmpty);
}
