using System.Security.Claims;
using System.Text.Json;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using Hookline.Groups;
using Hookline.Locations;
using Hookline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
        TemplateRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var groupId = request.GroupId ?? user.GroupId();
        if (groupId is null) return Problems.Invalid("groupId", "groupId is required with an admin key.");
        if (await GroupsApi.Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Group");
        var v = new Validation();
        v.Required("name", request.Name);
        v.OneOf("type", request.Type, "json", "xml");
        if (string.IsNullOrWhiteSpace(request.Format)) v.Add("format", "format is required: an example body.");
        if (!v.IsValid) return v.ToProblem();

        Template parsed;
        try
        {
            parsed = Template.Parse(TemplateTypes.Parse(request.Type!), request.Format!);
        }
        catch (TemplateFormatException e)
        {
            return Problems.Unprocessable("format", e.Message, $"The format is not valid {request.Type!.ToUpperInvariant()}: {e.Message}");
        }
        var mappings = request.Mappings ?? [];
        if (Compile(parsed, mappings, out var mappingProblem) is not { } compiled) return mappingProblem!;

        var now = time.GetUtcNow();
        var template = new StoredTemplate
        {
            Id = Ids.New("tpl"), GroupId = groupId, Name = request.Name!.Trim(), Type = request.Type!, Format = request.Format!,
            Mappings = mappings, CreatedAt = now, UpdatedAt = now,
        };
        db.Templates.Add(template);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/templates/{template.Id}", TemplateResponse.From(template, compiled, parsed.UnknownTokens));
    }

    private static async Task<Results<Ok<List<TemplateResponse>>, ProblemHttpResult>> List(
        ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, string? locationId = null)
    {
        string? groupId = user.GroupId();
        if (locationId is not null)
        {
            var location = await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false);
            if (location is null) return Problems.NotFound("Location");
            groupId = location.GroupId;
        }
        var stored = await db.Templates.AsNoTracking().Where(t => (groupId == null && user.IsAdmin()) || t.GroupId == groupId)
            .OrderBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        List<TemplateResponse> result = [.. BuiltInTemplates.All.Select(BuiltIn), .. stored.Select(Stored)];
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (BuiltInTemplates.All.FirstOrDefault(t => t.Id == id) is { } builtIn) return TypedResults.Ok(BuiltIn(builtIn));
        var template = await Find(id, user, db, ct).ConfigureAwait(false);
        return template is null ? Problems.NotFound("Template") : TypedResults.Ok(Stored(template));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (TemplateStore.IsBuiltIn(id)) return Problems.Forbidden("Built-in templates cannot be deleted.");
        var template = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (template is null) return Problems.NotFound("Template");
        var users = await db.Webhooks.Where(w => w.TemplateId == id).Select(w => w.Id).ToListAsync(ct).ConfigureAwait(false);
        if (users.Count > 0) return Problems.Conflict($"The template is used by webhook {string.Join(", ", users)}.");
        db.Templates.Remove(template);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> SetMappings(
        string id, MappingsRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (TemplateStore.IsBuiltIn(id)) return Problems.Forbidden("Built-in templates cannot be changed; create a template from their format instead.");
        var template = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (template is null) return Problems.NotFound("Template");
        if (request.Mappings is null) return Problems.Invalid("mappings", "mappings is required: an object of field path to token.");
        var parsed = Template.Parse(TemplateTypes.Parse(template.Type), template.Format);
        if (Compile(parsed, request.Mappings, out var mappingProblem) is not { } compiled) return mappingProblem!;
        template.Mappings = request.Mappings;
        template.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(TemplateResponse.From(template, compiled, parsed.UnknownTokens));
    }

    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> Preview(
        string id, PreviewRequest request, ClaimsPrincipal user, HooklineDbContext db, TemplateStore store, CancellationToken ct)
    {
        CompiledTemplate? compiled = null;
        if (TemplateStore.IsBuiltIn(id)) compiled = await store.GetCompiledAsync(db, id, ct).ConfigureAwait(false);
        else if (await Find(id, user, db, ct).ConfigureAwait(false) is { } template) compiled = store.GetCompiled(template);
        if (compiled is null) return Problems.NotFound("Template");

        var at = request.At ?? "end";
        if (at is not ("begin" or "end")) return Problems.Invalid("at", $"at must be begin or end (got '{Validation.Clip(at)}').");
        CallData call;
        try
        {
            call = request.Call is { ValueKind: not JsonValueKind.Null } c ? CallData.FromJson(c) : ExampleCall.Call;
        }
        catch (CallDataException e)
        {
            // The call's own shape is "call"; a member of it "call.tags.Region".
            return Problems.Invalid(e.Field == "call" ? "call" : $"call.{e.Field}", e.Message);
        }
        var body = compiled.Render(call, at == "begin" ? CallMoment.Begin : CallMoment.End);
        return TypedResults.Ok(new PreviewResponse(compiled.ContentType, System.Text.Encoding.UTF8.GetString(body)));
    }

    internal static Task<StoredTemplate?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Templates.FindVisibleAsync(id, user, ct, track);

    private static CompiledTemplate? Compile(Template parsed, Dictionary<string, string?> mappings, out ProblemHttpResult? problem)
    {
        try
        {
            problem = null;
            return parsed.Compile(mappings);
        }
        catch (TemplateMappingException e)
        {
            problem = Problems.Unprocessable($"mappings[{e.Path}]", e.Message);
            return null;
        }
    }

    private static TemplateResponse BuiltIn(BuiltInTemplate t) =>
        TemplateResponse.From(t, t.Compile());

    private static TemplateResponse Stored(StoredTemplate t)
    {
        var parsed = Template.Parse(TemplateTypes.Parse(t.Type), t.Format);
        return TemplateResponse.From(t, parsed.Compile(t.Mappings), parsed.UnknownTokens);
    }
}
