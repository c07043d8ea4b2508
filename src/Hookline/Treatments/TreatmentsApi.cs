using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Treatments;

public static class TreatmentsApi
{
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
        string locationId, TreatmentRequest request, ClaimsPrincipal user, TreatmentService treatments, CancellationToken ct) =>
        (await treatments.CreateAsync(locationId, request, user, ct).ConfigureAwait(false))
            .ToHttp(t => TypedResults.Created($"/api/v1/treatments/{t.Id}", TreatmentResponse.From(t)));

    private static async Task<Results<Ok<List<TreatmentResponse>>, ProblemHttpResult>> List(
        string locationId, ClaimsPrincipal user, TreatmentService treatments, CancellationToken ct) =>
        await treatments.ListAsync(locationId, user, ct).ConfigureAwait(false) is { } list
            ? TypedResults.Ok(list.ConvertAll(TreatmentResponse.From))
            : Problems.From(Outcome.NotFound("Location"));

    private static async Task<Results<Ok<TreatmentResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, TreatmentService treatments, CancellationToken ct) =>
        await treatments.FindAsync(id, user, ct).ConfigureAwait(false) is { } treatment
            ? TypedResults.Ok(TreatmentResponse.From(treatment))
            : Problems.From(Outcome.NotFound("Treatment"));

    private static async Task<Results<Ok<TreatmentResponse>, ProblemHttpResult>> Update(
        string id, TreatmentRequest request, ClaimsPrincipal user, TreatmentService treatments, CancellationToken ct) =>
        (await treatments.UpdateAsync(id, request, user, ct).ConfigureAwait(false)).ToHttp(t => TypedResults.Ok(TreatmentResponse.From(t)));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, TreatmentService treatments, CancellationToken ct) =>
        (await treatments.DeleteAsync(id, user, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());
}
