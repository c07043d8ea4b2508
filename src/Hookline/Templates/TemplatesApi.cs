using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Templates;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplates(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates");
        templates.MapPost("/", Create).WithSummary("Create a template from an example body; its fields are extracted");
        templates.MapGet("/", List).WithSummary("List the templates a location (or the key's group) may use, built-in ones included");
        templates.MapGet("/{id}", Get).WithSummary("Read a template with its fields and mappings");
        templates.MapDelete("/{id}", Delete).WithSummary("Delete a template no webhook uses");
        templates.MapPut("/{id}/mappings", SetMappings).WithSummary("Set the field mappings (path to token); replaces the previous ones");
        templates.MapPost("/{id}/preview", Preview).WithSummary("Render the body this template sends for a call (the example call by default)");
        return api;
    }

    private static async Task<Results<Created<TemplateResponse>, ProblemHttpResult>> Create(
        TemplateRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        (await templates.CreateAsync(request, user, ct).ConfigureAwait(false))
            .ToHttp(t => TypedResults.Created($"/api/v1/templates/{t.Stored!.Id}", TemplateResponse.From(t)));

    private static async Task<Results<Ok<List<TemplateResponse>>, ProblemHttpResult>> List(
        ClaimsPrincipal user, TemplateService templates, CancellationToken ct, string? locationId = null) =>
        await templates.ListAsync(locationId, user, ct).ConfigureAwait(false) is { } list
            ? TypedResults.Ok(list.ConvertAll(TemplateResponse.From))
            : Problems.From(Outcome.NotFound("Location"));

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        await templates.FindAsync(id, user, ct).ConfigureAwait(false) is { } template
            ? TypedResults.Ok(TemplateResponse.From(template))
            : Problems.From(Outcome.NotFound("Template"));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        (await templates.DeleteAsync(id, user, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> SetMappings(
        string id, MappingsRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        (await templates.SetMappingsAsync(id, request.Mappings, user, ct, request.TimeZone).ConfigureAwait(false)).ToHttp(t => TypedResults.Ok(TemplateResponse.From(t)));

    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> Preview(
        string id, PreviewRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        (await templates.PreviewAsync(id, request.At, request.Call, user, ct).ConfigureAwait(false)).ToHttp(TypedResults.Ok);
}
