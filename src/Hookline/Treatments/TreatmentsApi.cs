using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Locations;
using Hookline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Treatments;

public static class TreatmentsApi
{
    private const string Keys = "0123456789*#";

    public static RouteGroupBuilder MapTreatments(this RouteGroupBuilder api)
    {
        var byLocation = api.MapGroup("/locations/{locationId}/treatments").WithTags("Treatments");
        byLocation.MapPost("/", Create).WithSummary("Create a call treatment (IVR menu) with options and their webhooks");
        byLocation.MapGet("/", List).WithSummary("List a location's call treatments");
        var treatments = api.MapGroup("/treatments").WithTags("Treatments");
        treatments.MapGet("/{id}", Get).WithSummary("Read a call treatment");
        treatments.MapPut("/{id}", Update).WithSummary("Update a call treatment");
        treatments.MapDelete("/{id}", Delete).WithSummary("Delete a call treatment no campaign uses");
        return api;
    }

    private static async Task<Results<Created<TreatmentResponse>, ProblemHttpResult>> Create(
        string locationId, TreatmentRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var location = await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Problems.NotFound("Location");
        var treatment = new Treatment { Id = Ids.New("trt"), GroupId = location.GroupId, LocationId = location.Id, Name = "", CreatedAt = time.GetUtcNow() };
        if (await ApplyAsync(request, treatment, db, ct).ConfigureAwait(false) is { } problem) return problem;
        db.Treatments.Add(treatment);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/treatments/{treatment.Id}", TreatmentResponse.From(treatment));
    }

    private static async Task<Results<Ok<List<TreatmentResponse>>, ProblemHttpResult>> List(string locationId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Location");
        var treatments = await db.Treatments.AsNoTracking().Where(t => t.LocationId == locationId).OrderBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(treatments.ConvertAll(TreatmentResponse.From));
    }

    private static async Task<Results<Ok<TreatmentResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var treatment = await Find(id, user, db, ct).ConfigureAwait(false);
        return treatment is null ? Problems.NotFound("Treatment") : TypedResults.Ok(TreatmentResponse.From(treatment));
    }

    private static async Task<Results<Ok<TreatmentResponse>, ProblemHttpResult>> Update(
        string id, TreatmentRequest request, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var treatment = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (treatment is null) return Problems.NotFound("Treatment");
        if (await ApplyAsync(request, treatment, db, ct).ConfigureAwait(false) is { } problem) return problem;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(TreatmentResponse.From(treatment));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var treatment = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (treatment is null) return Problems.NotFound("Treatment");
        var users = await db.Campaigns.Where(c => c.TreatmentId == id).Select(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
        if (users.Count > 0) return Problems.Conflict($"The treatment is used by campaign {string.Join(", ", users)}.");
        db.Treatments.Remove(treatment);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static Task<Treatment?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Treatments.FindVisibleAsync(id, user, ct, track);

    private static async Task<ProblemHttpResult?> ApplyAsync(TreatmentRequest r, Treatment treatment, HooklineDbContext db, CancellationToken ct)
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
                $"options[{i}].webhooks", ["select", "end"], ct).ConfigureAwait(false);
        }
        if (!v.IsValid) return v.ToProblem();

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
