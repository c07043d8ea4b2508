using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Locations;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Treatments;

/// <summary>The rules of call treatments (IVR menus), for the API and the pages alike.</summary>
public sealed class TreatmentService(HooklineDbContext db, TimeProvider time)
{
    /// <summary>The keys a caller can press: an option is one of them.</summary>
    public const string Keys = "0123456789*#";
    public static readonly string[] Moments = ["select", "end"];

    /// <summary>The location's treatments, or null when the caller cannot see the location.</summary>
    public async Task<List<Treatment>?> ListAsync(string locationId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return null;
        return await db.Treatments.AsNoTracking().Where(t => t.LocationId == locationId).OrderBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public Task<Treatment?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct) => db.Treatments.FindVisibleAsync(id, user, ct);

    public async Task<Outcome<Treatment>> CreateAsync(string locationId, TreatmentRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Outcome.NotFound("Location");
        var treatment = new Treatment { Id = Ids.New("trt"), GroupId = location.GroupId, LocationId = location.Id, Name = "", CreatedAt = time.GetUtcNow() };
        if (await ApplyAsync(request, treatment, ct).ConfigureAwait(false) is { } failure) return failure;
        db.Treatments.Add(treatment);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return treatment;
    }

    public async Task<Outcome<Treatment>> UpdateAsync(string id, TreatmentRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var treatment = await db.Treatments.FindVisibleAsync(id, user, ct, track: true).ConfigureAwait(false);
        if (treatment is null) return Outcome.NotFound("Treatment");
        if (await ApplyAsync(request, treatment, ct).ConfigureAwait(false) is { } failure) return failure;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return treatment;
    }

    /// <summary>Deletes a treatment no campaign uses.</summary>
    public async Task<Outcome<Done>> DeleteAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var treatment = await db.Treatments.FindVisibleAsync(id, user, ct, track: true).ConfigureAwait(false);
        if (treatment is null) return Outcome.NotFound("Treatment");
        var users = await db.Campaigns.Where(c => c.TreatmentId == id).Select(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
        if (users.Count > 0) return Outcome.Conflict($"The treatment is used by campaign {string.Join(", ", users)}.");
        db.Treatments.Remove(treatment);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Done();
    }

    /// <summary>Validates the request against the treatment's location and applies it; a failure means nothing changed.</summary>
    private async Task<Failure?> ApplyAsync(TreatmentRequest r, Treatment treatment, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name);
        v.Optional("question", r.Question, 500);
        // The link is shown to people (and linked in the UI): http and https only, never javascript: or data:.
        if (r.QuestionLink is not null && (!Uri.TryCreate(r.QuestionLink, UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https")))
            v.Add("questionLink", "questionLink must be an absolute http:// or https:// URL.");
        v.Optional("questionLink", r.QuestionLink, 2048);
        var options = r.Options ?? [];
        if (options.Count > Keys.Length) v.Add("options", $"At most {Keys.Length} options (one per key).");
        var digits = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            if (o?.Digit is not { Length: 1 } d || !Keys.Contains(d[0], StringComparison.Ordinal))
                v.Add($"options[{i}].digit", $"options[{i}].digit must be one key: 0-9, * or #.");
            else if (!digits.Add(d)) v.Add($"options[{i}].digit", $"options[{i}].digit {d} is given twice.");
            v.Required($"options[{i}].name", o?.Name);
            await LocationReferences.ValidateWebhooksAsync(v, db, treatment.LocationId, (o?.Webhooks ?? []).ConvertAll(w => (w?.WebhookId, w?.At)),
                $"options[{i}].webhooks", Moments, ct).ConfigureAwait(false);
        }
        if (!v.IsValid) return v.ToFailure();

        treatment.Name = r.Name!.Trim();
        treatment.Question = r.Question;
        treatment.QuestionLink = r.QuestionLink;
        treatment.Options = options.ConvertAll(o => new TreatmentOption
        {
            Digit = o.Digit!,
            Name = o.Name!.Trim(),
            Webhooks = [.. (o.Webhooks ?? []).Select(w => new OptionWebhook { WebhookId = w.WebhookId!, At = w.At! }).DistinctBy(w => (w.WebhookId, w.At))],
        });
        return null;
    }
}
