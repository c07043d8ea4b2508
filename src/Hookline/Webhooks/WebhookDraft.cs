using Hookline.Templates;

namespace Hookline.Webhooks;

/// <summary>What the Add Webhook wizard holds across its four steps: the inputs as typed, turned into the services' requests.</summary>
public sealed class WebhookDraft
{
    public static readonly string[] CommonHeaders =
        ["Authorization", "Content-Type", "Accept", "X-API-Key", "X-Auth-Token", "X-Client-Id", "X-Correlation-Id", "Cache-Control"];

    /// <summary>True for "Create Template", false for "Existing Templates".</summary>
    public bool CreateTemplate { get; set; }
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string? TemplateId { get; set; }
    public string? TemplateName { get; set; }
    public string? TemplateGroupId { get; set; }
    public string TemplateType { get; set; } = "json";
    public string? TemplateFormat { get; set; }
    public string TemplateTimeZone { get; set; } = TemplateZones.Default;

    /// <summary>Field path to the chosen expression ("" is "Example value": unmapped), for every field of the template.</summary>
    public Dictionary<string, string> Choices { get; } = new(StringComparer.Ordinal);

    public List<HeaderRow> Headers { get; } = [new()];
    public HashSet<int> SuccessCodes { get; } = [.. WebhookService.AllowedSuccessCodes];
    public string Method { get; set; } = "POST";

    /// <summary>Conditions, "Wait for" and "Send updates" (<see cref="WizardLateData"/>).</summary>
    public List<ConditionRow> Conditions { get; } = [];
    public string[] WaitForTokens { get; set; } = [];
    public int? WaitMinutes { get; set; }
    public bool SendUpdates { get; set; }

    /// <summary>"Authentication": <c>none</c>, <c>basic</c> or <c>oauth2</c>, with its fields.</summary>
    public string AuthType { get; set; } = ReceiverAuthRules.None;
    public string? AuthUsername { get; set; }
    public string? AuthPassword { get; set; }
    public string? AuthTokenUrl { get; set; }
    public string? AuthClientId { get; set; }
    public string? AuthClientSecret { get; set; }
    public string? AuthScope { get; set; }

    /// <summary>"Retry schedule" as typed: seconds separated by commas; empty for the defaults.</summary>
    public string? RetrySchedule { get; set; }

    /// <summary>Kept from the webhook as it is (the API sets it; the wizard has no field for it).</summary>
    public int? RetryWindowSeconds { get; set; }

    /// <summary>The typed schedule as the API takes it; a piece that is no number is sent as -1, which the rule refuses.</summary>
    public List<int>? RetryScheduleSeconds() => string.IsNullOrWhiteSpace(RetrySchedule)
        ? null
        : [.. RetrySchedule.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : -1)];

    public AuthRequest ToAuthRequest() => AuthType switch
    {
        ReceiverAuthRules.Basic => new(AuthType, AuthUsername, AuthPassword),
        ReceiverAuthRules.OAuth2 => new(AuthType, TokenUrl: AuthTokenUrl, ClientId: AuthClientId, ClientSecret: AuthClientSecret, Scope: AuthScope),
        _ => new(ReceiverAuthRules.None),
    };

    /// <summary>"Max requests per second"; empty for no limit.</summary>
    public int? MaxPerSecond { get; set; }

    /// <summary>The header rows that are not empty, each with its row's index (an error on <c>headers[i]</c> belongs to that row).</summary>
    public List<(int Row, HeaderRow Header)> FilledHeaders() =>
        [.. Headers.Select((h, i) => (i, h)).Where(r => !string.IsNullOrWhiteSpace(r.h.Name) || !string.IsNullOrEmpty(r.h.Value))];

    /// <summary>The webhook's settings as the API would get them; the template id of a template still to be created is left out.</summary>
    public WebhookRequest ToRequest() => new(
        Name, Url, CreateTemplate ? null : TemplateId, Method,
        FilledHeaders().ConvertAll(r => new HeaderRequest(r.Header.Name?.Trim(), r.Header.Value, r.Header.Secret)),
        [.. SuccessCodes.Order()], WizardLateData.Conditions(this), WizardLateData.WaitFor(this), SendUpdates,
        ToAuthRequest(), RetryScheduleSeconds(), RetryWindowSeconds, MaxPerSecond);

    /// <summary>The template of "Create Template", with the mappings chosen so far (null before fields are known).</summary>
    public TemplateRequest ToTemplateRequest(Dictionary<string, string?>? mappings) =>
        new(TemplateName, TemplateGroupId, TemplateType, TemplateFormat, mappings, TemplateTimeZone);

    /// <summary>Only the step-one part of <see cref="ToRequest"/>: what that step checks.</summary>
    public WebhookRequest ToFirstStepRequest() => new(Name, Url, CreateTemplate ? null : TemplateId, null, null, null);
}

/// <summary>One row of "HTTP Header", "Value" and "Secret".</summary>
public sealed class HeaderRow
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public bool Secret { get; set; }
}
