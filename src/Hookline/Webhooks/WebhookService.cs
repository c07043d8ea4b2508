using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Deliveries;
using Hookline.Locations;
using Hookline.Storage;
using Hookline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Webhooks;

/// <summary>A new webhook with its signing secret, which exists in clear only in this answer.</summary>
public sealed record CreatedWebhook(Webhook Webhook, string SigningSecret);

/// <summary>The rules of webhooks, for the API and the pages alike.</summary>
public sealed class WebhookService(HooklineDbContext db, SecretProtector secrets, TimeProvider time)
{
    /// <summary>The fields of API.md's "Additions to version 1": an error on one of them makes the answer 422.</summary>
    private static readonly string[] AdditionFields = ["conditions", "waitFor", "auth", "retrySchedule", "retryWindowSeconds"];

    public static readonly int[] AllowedSuccessCodes = [200, 201, 202, 203, 204];
    public static readonly string[] Methods = ["POST", "PUT", "PATCH", "GET"];

    /// <summary>The location's webhooks, or null when the caller cannot see the location.</summary>
    public async Task<List<Webhook>?> ListAsync(string locationId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return null;
        return await db.Webhooks.AsNoTracking().Where(w => w.LocationId == locationId).OrderBy(w => w.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public Task<Webhook?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct) => Find(id, user, db, ct);

    /// <param name="revealOnPage">
    /// True for the web UI: the secret is to be shown once by a page (<see cref="TakeUnseenSigningSecretAsync"/>) rather
    /// than in this answer only.
    /// </param>
    public async Task<Outcome<CreatedWebhook>> CreateAsync(
        string locationId, WebhookRequest request, ClaimsPrincipal user, bool revealOnPage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Outcome.NotFound("Location");
        var v = await ValidateAsync(request, location.GroupId, [], ct).ConfigureAwait(false);
        if (!v.IsValid) return v.ToFailure(AdditionFields);

        var signingSecret = WebhookSignature.GenerateSecret();
        var now = time.GetUtcNow();
        var webhook = new Webhook
        {
            Id = Ids.New("wh"), GroupId = location.GroupId, LocationId = location.Id, Name = "", Url = "", TemplateId = "", Method = "",
            ProtectedSigningSecret = secrets.Protect(signingSecret), SigningSecretUnseen = revealOnPage, CreatedAt = now, UpdatedAt = now,
        };
        Apply(request, webhook);
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new CreatedWebhook(webhook, signingSecret);
    }

    public async Task<Outcome<Webhook>> UpdateAsync(string id, WebhookRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var webhook = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (webhook is null) return Outcome.NotFound("Webhook");
        var v = await ValidateAsync(request, webhook.GroupId, webhook.Headers, ct, storedAuth: webhook.Auth).ConfigureAwait(false);
        if (!v.IsValid) return v.ToFailure(AdditionFields);
        Apply(request, webhook);
        webhook.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return webhook;
    }

    /// <summary>
    /// Creates a template and a webhook that sends it, together or not at all: the wizard's "Create Template". The
    /// template takes the location's group unless the request names another the caller may use. Errors of the
    /// template's fields are keyed <c>template.name</c>, <c>template.format</c>, …, beside the webhook's own.
    /// </summary>
    public async Task<Outcome<CreatedWebhook>> CreateWithTemplateAsync(
        string locationId, TemplateRequest template, WebhookRequest request, TemplateService templates, ClaimsPrincipal user, bool revealOnPage,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(templates);
        var location = await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Outcome.NotFound("Location");
        var v = await ValidateWithTemplateAsync(template, request, location.GroupId, [], ct).ConfigureAwait(false);
        if (!v.IsValid) return v.ToFailure();

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var created = await templates.CreateAsync(template with { GroupId = location.GroupId }, user, ct).ConfigureAwait(false);
        if (!created.IsOk) return OfTemplate(created.Failure!);
        var webhook = await CreateAsync(locationId, request with { TemplateId = created.Value.Stored!.Id }, user, revealOnPage, ct).ConfigureAwait(false);
        if (!webhook.IsOk) return webhook.Failure!;
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return webhook;
    }

    /// <summary>Creates a template and points an existing webhook at it, together or not at all: "Create Template" when editing.</summary>
    public async Task<Outcome<Webhook>> UpdateWithTemplateAsync(
        string id, TemplateRequest template, WebhookRequest request, TemplateService templates, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(templates);
        var existing = await Find(id, user, db, ct).ConfigureAwait(false);
        if (existing is null) return Outcome.NotFound("Webhook");
        var v = await ValidateWithTemplateAsync(template, request, existing.GroupId, existing.Headers, ct, existing.Auth).ConfigureAwait(false);
        if (!v.IsValid) return v.ToFailure();

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var created = await templates.CreateAsync(template with { GroupId = existing.GroupId }, user, ct).ConfigureAwait(false);
        if (!created.IsOk) return OfTemplate(created.Failure!);
        var webhook = await UpdateAsync(id, request with { TemplateId = created.Value.Stored!.Id }, user, ct).ConfigureAwait(false);
        if (!webhook.IsOk) return webhook.Failure!;
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return webhook;
    }

    /// <summary>
    /// The field errors of a webhook with a template to be created with it, without saving: the webhook's keyed as
    /// <see cref="ValidateAsync"/> keys them, the template's as <c>template.name</c>, <c>template.format</c>,
    /// <c>template.mappings[path]</c> (every one at once, a malformed example included).
    /// </summary>
    public async Task<Validation> ValidateWithTemplateAsync(
        TemplateRequest template, WebhookRequest request, string groupId, IReadOnlyList<HeaderRule> storedHeaders, CancellationToken ct,
        ReceiverAuthRule? storedAuth = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var v = await ValidateAsync(request, groupId, storedHeaders, ct, templatePending: true, storedAuth).ConfigureAwait(false);
        foreach (var (field, messages) in TemplateService.Validate(template).Errors) foreach (var m in messages) v.Add(TemplateField(field), m);
        if (template.GroupId is { } other && other != groupId)
            v.Add(TemplateField("groupId"), "The template must belong to the location's group, so the webhook may use it.");
        return v;
    }

    private static string TemplateField(string field) => "template." + field;

    private static Failure OfTemplate(Failure failure) => failure with
    {
        Errors = failure.Errors.ToDictionary(e => TemplateField(e.Key), e => e.Value, StringComparer.Ordinal),
    };

    /// <summary>Deletes a webhook no campaign or treatment uses; refused while deliveries are pending unless forced.</summary>
    public async Task<Outcome<Done>> DeleteAsync(string id, bool force, ClaimsPrincipal user, CancellationToken ct)
    {
        var webhook = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (webhook is null) return Outcome.NotFound("Webhook");
        var users = await WebhookUsage.FindAsync(db, webhook, ct).ConfigureAwait(false);
        if (users.Count > 0) return Outcome.Conflict($"The webhook is used by {string.Join(", ", users)}; remove it there first.");
        var pending = await db.Deliveries.CountAsync(d => d.WebhookId == id && d.Status == DeliveryStatus.Pending, ct).ConfigureAwait(false);
        if (pending > 0 && !force)
            return Outcome.Conflict($"The webhook has {pending} deliveries not yet delivered; they would be deleted with it. Add ?force=true to delete anyway.");
        db.Webhooks.Remove(webhook);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Done();
    }

    /// <summary>Replaces the signing secret; the new one is returned this once (and, with <paramref name="revealOnPage"/>, shown once by a page).</summary>
    public async Task<Outcome<string>> RotateSigningSecretAsync(string id, ClaimsPrincipal user, bool revealOnPage, CancellationToken ct)
    {
        var webhook = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (webhook is null) return Outcome.NotFound("Webhook");
        var signingSecret = WebhookSignature.GenerateSecret();
        webhook.ProtectedSigningSecret = secrets.Protect(signingSecret);
        webhook.SigningSecretUnseen = revealOnPage;
        webhook.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return signingSecret;
    }

    /// <summary>
    /// The signing secret of a webhook the web UI made or rotated, for the one page render that shows it; null once
    /// shown (or when the API made it). The flag is cleared by one conditional UPDATE, so of two requests at once, on
    /// one node or two, only the one that cleared it gets the secret; the transaction keeps a rotation from slipping
    /// in between clearing and reading.
    /// </summary>
    public async Task<string?> TakeUnseenSigningSecretAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var webhook = await Find(id, user, db, ct).ConfigureAwait(false);
        if (webhook is not { SigningSecretUnseen: true }) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var cleared = await db.Webhooks.Where(w => w.Id == id && w.SigningSecretUnseen)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.SigningSecretUnseen, false), ct).ConfigureAwait(false);
        if (cleared == 0) return null;
        var protectedSecret = await db.Webhooks.Where(w => w.Id == id).Select(w => w.ProtectedSigningSecret).SingleAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return secrets.Unprotect(protectedSecret);
    }

    /// <summary>What to tell about a webhook's settings that are accepted but may not work as they are.</summary>
    public static List<string> Warnings(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return OutboundAddressPolicy.WarningFor(new Uri(webhook.Url)) is { } warning ? [warning] : [];
    }

    /// <summary>Every webhook the caller may see, across locations, by location then name: what a filter of the delivery log offers.</summary>
    public Task<List<Webhook>> ListVisibleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var group = user.GroupId();
        var admin = user.IsAdmin();
        return db.Webhooks.AsNoTracking().Where(w => admin || w.GroupId == group).OrderBy(w => w.LocationId).ThenBy(w => w.Name)
            .ToListAsync(ct);
    }

    internal static Task<Webhook?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Webhooks.FindVisibleAsync(id, user, ct, track);

    /// <summary>
    /// The field errors of a webhook's settings for a location's group, without saving anything: what create and update
    /// check, and what a form checks step by step. <paramref name="storedHeaders"/> are the webhook's as stored (none
    /// for a new one); with <paramref name="templatePending"/> the template is one about to be created with it.
    /// </summary>
    public async Task<Validation> ValidateAsync(
        WebhookRequest r, string groupId, IReadOnlyList<HeaderRule> storedHeaders, CancellationToken ct, bool templatePending = false,
        ReceiverAuthRule? storedAuth = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var v = new Validation();
        v.Required("name", r.Name);
        ValidateUrl(v, r.Url);
        if (!v.Errors.ContainsKey("url")) WebhookUrls.Validate(v, r.Url!);
        // A template about to be created with the webhook is checked as it is created.
        // A GET sends no body, so it may have no template.
        var pixel = string.Equals(r.Method, "GET", StringComparison.OrdinalIgnoreCase);
        if (!templatePending && !(pixel && r.TemplateId is null)) await ValidateTemplateAsync(v, r.TemplateId, groupId, ct).ConfigureAwait(false);
        if (r.Method is not null) v.OneOf("method", r.Method.ToUpperInvariant(), Methods);
        HeaderRules.Validate(v, r.Headers, storedHeaders);
        WebhookConditions.Validate(v, r);
        ReceiverAuthRules.Validate(v, r.Auth, storedAuth);
        RetryPlan.Validate(v, r.RetrySchedule, r.RetryWindowSeconds);
        if (r.SuccessCodes is { } codes)
        {
            if (codes.Count == 0) v.Add("successCodes", "successCodes needs at least one code.");
            foreach (var code in codes.Where(c => !AllowedSuccessCodes.Contains(c)))
                v.Add("successCodes", $"successCodes: {code} is not one of 200, 201, 202, 203, 204.");
        }
        WebhookThrottle.Validate(v, r.MaxPerSecond);
        return v;
    }

    private async Task ValidateTemplateAsync(Validation v, string? templateId, string groupId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(templateId)) v.Add("templateId", "templateId is required.");
        else if (!await TemplateStore.IsVisibleAsync(db, templateId, groupId, ct).ConfigureAwait(false))
            v.Add("templateId", $"templateId: no template '{Validation.Clip(templateId)}' is available to this location's group.");
    }

    private static void ValidateUrl(Validation v, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) { v.Add("url", "url is required."); return; }
        if (url.Length > 2048) { v.Add("url", "url is at most 2048 characters."); return; }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            v.Add("url", "url must be an absolute http:// or https:// URL.");
        else if (uri.Port is < 1 or > 65535)
            v.Add("url", "url must have a port from 1 to 65535.");
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            v.Add("url", "url must not carry credentials; put them in a secret header.");
        else if (url.Any(char.IsControl))
            v.Add("url", "url must not contain control characters.");
    }

    private void Apply(WebhookRequest r, Webhook w)
    {
        w.Name = r.Name!.Trim();
        w.Url = r.Url!.Trim();
        w.TemplateId = r.TemplateId;
        w.Method = r.Method?.ToUpperInvariant() ?? "POST";
        WebhookConditions.Apply(r, w);
        w.SuccessCodes = r.SuccessCodes is { Count: > 0 } codes ? [.. codes.Distinct().Order()] : [.. AllowedSuccessCodes];
        w.Auth = ReceiverAuthRules.Apply(r.Auth, w.Auth, secrets);
        w.RetrySchedule = r.RetrySchedule;
        w.RetryWindowSeconds = r.RetryWindowSeconds;
        w.MaxPerSecond = r.MaxPerSecond;
        var previous = w.Headers;
        w.Headers = (r.Headers ?? []).ConvertAll(h => new HeaderRule
        {
            Name = h.Name!,
            Secret = h.Secret,
            Value = !h.Secret ? h.Value!
                // The mask sent back unchanged keeps the stored secret, so a form can be saved unedited (HeaderRules checks it stands for one).
                : h.Value == SecretProtector.Mask && HeaderRules.StoredSecret(previous, h.Name) is { } kept
                    ? kept.Value
                    : secrets.Protect(h.Value!),
        });
    }
}
