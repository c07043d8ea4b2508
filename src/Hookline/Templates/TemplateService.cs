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
using Microsoft.EntityFrameworkCore;

namespace Hookline.Templates;

/// <summary>A template's example parsed and its mappings applied: what a new or changed template would be.</summary>
public sealed record TemplateDraft(Template Parsed, CompiledTemplate Compiled);

/// <summary>A template as shown: stored or built in, with its fields and effective mappings.</summary>
public sealed record TemplateView(StoredTemplate? Stored, BuiltInTemplate? BuiltIn, TemplateDraft Draft);

/// <summary>The rules of templates, for the API and the pages alike.</summary>
public sealed class TemplateService(HooklineDbContext db, TemplateStore store, TimeProvider time)
{
    public static readonly string[] Types = ["json", "xml", "form"];

    /// <summary>
    /// Parses an example of a type and applies mappings to it: the rule every new template and every change of
    /// mappings passes. A malformed example is 422 on <c>format</c> with its line and column; a mapping that cannot
    /// apply, 422 on <c>mappings[&lt;path&gt;]</c>.
    /// </summary>
    public static Outcome<TemplateDraft> Compile(string? type, string? format, IReadOnlyDictionary<string, string?>? mappings, string? timeZone = null)
    {
        var v = new Validation();
        v.OneOf("type", type, Types);
        if (string.IsNullOrWhiteSpace(format)) v.Add("format", "format is required: an example body.");
        if (!v.IsValid) return v.ToFailure();
        if (!TemplateZones.TryParse(timeZone, out var zone, out var zoneError)) return Outcome.Unprocessable("timeZone", zoneError!);
        Template parsed;
        try
        {
            parsed = Template.Parse(TemplateTypes.Parse(type!), format!, zone);
        }
        catch (TemplateFormatException e)
        {
            return Outcome.Unprocessable("format", e.Message, $"The format is not valid {type!.ToUpperInvariant()}: {e.Message}");
        }
        return CompileMappings(parsed, mappings ?? new Dictionary<string, string?>());
    }

    public async Task<Outcome<TemplateView>> CreateAsync(TemplateRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var groupId = request.GroupId ?? user.GroupId();
        if (groupId is null) return Outcome.Invalid("groupId", "groupId is required with an admin key.");
        if (await GroupService.Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Group");
        var v = new Validation();
        NameRule(v, request.Name);
        if (!v.IsValid)
        {
            // Name and the example's own errors together, so a form shows every one at once.
            var draft = Compile(request.Type, request.Format, null, request.TimeZone);
            if (draft.Failure is { Kind: OutcomeKind.Invalid } other) foreach (var (field, messages) in other.Errors) foreach (var m in messages) v.Add(field, m);
            return v.ToFailure();
        }
        var compiled = Compile(request.Type, request.Format, request.Mappings, request.TimeZone);
        if (!compiled.IsOk) return compiled.Failure!;

        var now = time.GetUtcNow();
        var template = new StoredTemplate
        {
            Id = Ids.New("tpl"), GroupId = groupId, Name = request.Name!.Trim(), Type = request.Type!, Format = request.Format!,
            Mappings = request.Mappings ?? [], TimeZone = TemplateZones.NameOf(request.TimeZone), CreatedAt = now, UpdatedAt = now,
        };
        db.Templates.Add(template);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new TemplateView(template, null, compiled.Value);
    }

    /// <summary>
    /// Every field error of a new template at once, without saving: its name, and its example and mappings as
    /// <see cref="Compile"/> checks them (a malformed example included, which the API answers with 422). What a form
    /// checks before it goes on; the group is the caller's to check.
    /// </summary>
    public static Validation Validate(TemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        NameRule(v, request.Name);
        if (Compile(request.Type, request.Format, request.Mappings, request.TimeZone).Failure is { } failure)
            foreach (var (field, messages) in failure.Errors) foreach (var m in messages) v.Add(field, m);
        return v;
    }

    /// <summary>
    /// The templates a location may use (its group's), or with no location the caller's group's (every group's for
    /// an admin); built-in ones first. Null when the location is not the caller's to see.
    /// </summary>
    public async Task<List<TemplateView>?> ListAsync(string? locationId, ClaimsPrincipal user, CancellationToken ct)
    {
        var groupId = user.GroupId();
        if (locationId is not null)
        {
            var location = await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false);
            if (location is null) return null;
            groupId = location.GroupId;
        }
        var admin = user.IsAdmin();
        var stored = await db.Templates.AsNoTracking().Where(t => (groupId == null && admin) || t.GroupId == groupId)
            .OrderBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        return [.. BuiltInTemplates.All.Select(View), .. stored.Select(View)];
    }

    public async Task<TemplateView?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (BuiltInTemplates.All.FirstOrDefault(t => t.Id == id) is { } builtIn) return View(builtIn);
        return await Find(id, user, db, ct).ConfigureAwait(false) is { } template ? View(template) : null;
    }

    public async Task<Outcome<Done>> DeleteAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (TemplateStore.IsBuiltIn(id)) return Outcome.Forbidden("Built-in templates cannot be deleted.");
        var template = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (template is null) return Outcome.NotFound("Template");
        var users = await db.Webhooks.Where(w => w.TemplateId == id).Select(w => w.Id).ToListAsync(ct).ConfigureAwait(false);
        if (users.Count > 0) return Outcome.Conflict($"The template is used by webhook {string.Join(", ", users)}.");
        db.Templates.Remove(template);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Done();
    }

    /// <summary>Replaces the explicit mappings; fields not named fall back to the example's inline tokens.</summary>
    public async Task<Outcome<TemplateView>> SetMappingsAsync(
        string id, Dictionary<string, string?>? mappings, ClaimsPrincipal user, CancellationToken ct, string? timeZone = null)
    {
        if (TemplateStore.IsBuiltIn(id)) return Outcome.Forbidden("Built-in templates cannot be changed; create a template from their format instead.");
        var template = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (template is null) return Outcome.NotFound("Template");
        if (mappings is null) return Outcome.Invalid("mappings", "mappings is required: an object of field path to token.");
        var zone = TemplateZones.Find(template.TimeZone);
        if (timeZone is not null && !TemplateZones.TryParse(timeZone, out zone, out var zoneError)) return Outcome.Unprocessable("timeZone", zoneError!);
        var compiled = CompileMappings(Template.Parse(TemplateTypes.Parse(template.Type), template.Format, zone), mappings);
        if (!compiled.IsOk) return compiled.Failure!;
        template.Mappings = mappings;
        if (timeZone is not null) template.TimeZone = TemplateZones.NameOf(timeZone);
        template.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new TemplateView(template, null, compiled.Value);
    }

    /// <summary>The body a template sends at a moment for a call given as the intake's JSON (the example call when absent).</summary>
    public async Task<Outcome<PreviewResponse>> PreviewAsync(string id, string? at, JsonElement? call, ClaimsPrincipal user, CancellationToken ct)
    {
        CompiledTemplate? compiled = null;
        if (TemplateStore.IsBuiltIn(id)) compiled = await store.GetCompiledAsync(db, id, ct).ConfigureAwait(false);
        else if (await Find(id, user, db, ct).ConfigureAwait(false) is { } template) compiled = store.GetCompiled(template);
        if (compiled is null) return Outcome.NotFound("Template");
        return Preview(compiled, at, call);
    }

    /// <summary>The preview rule: the moment is begin or end (end by default), the call the intake's shape.</summary>
    public static Outcome<PreviewResponse> Preview(CompiledTemplate compiled, string? at, JsonElement? call)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        at ??= "end";
        if (at is not ("begin" or "end")) return Outcome.Invalid("at", $"at must be begin or end (got '{Validation.Clip(at)}').");
        CallData data;
        try
        {
            data = call is { ValueKind: not JsonValueKind.Null } c ? CallData.FromJson(c) : ExampleCall.Call;
        }
        catch (CallDataException e)
        {
            // The call's own shape is "call"; a member of it "call.tags.Region".
            return Outcome.Invalid(e.Field == "call" ? "call" : $"call.{e.Field}", e.Message);
        }
        var body = compiled.Render(data, at == "begin" ? CallMoment.Begin : CallMoment.End);
        return new PreviewResponse(compiled.ContentType, System.Text.Encoding.UTF8.GetString(body));
    }

    private static void NameRule(Validation v, string? name) => v.Required("name", name);

    internal static Task<StoredTemplate?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Templates.FindVisibleAsync(id, user, ct, track);

    private static Outcome<TemplateDraft> CompileMappings(Template parsed, IReadOnlyDictionary<string, string?> mappings)
    {
        try
        {
            return new TemplateDraft(parsed, parsed.Compile(mappings));
        }
        catch (TemplateMappingException e)
        {
            return Outcome.Unprocessable($"mappings[{e.Path}]", e.Message);
        }
    }

    private static TemplateView View(BuiltInTemplate t)
    {
        var parsed = Template.Parse(t.Type, t.Format, TimeZoneInfo.Utc);
        return new TemplateView(null, t, new TemplateDraft(parsed, parsed.Compile(t.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value))));
    }

    private static TemplateView View(StoredTemplate t)
    {
        var parsed = Template.Parse(TemplateTypes.Parse(t.Type), t.Format, TemplateZones.Find(t.TimeZone));
        return new TemplateView(t, null, new TemplateDraft(parsed, parsed.Compile(t.Mappings)));
    }
}
