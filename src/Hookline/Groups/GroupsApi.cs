using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Groups;

public sealed record GroupRequest(string? Name);
public sealed record GroupResponse(string Id, string Name, DateTimeOffset CreatedAt);
public sealed record ApiKeyRequest(string? Name);
public sealed record ApiKeyResponse(string Id, string Name, string Prefix, DateTimeOffset CreatedAt);
public sealed record CreatedApiKeyResponse(string Id, string Name, string Key, string Prefix, DateTimeOffset CreatedAt);

public static class GroupsApi
{
    public static RouteGroupBuilder MapGroups(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Tenancy");
        groups.MapPost("/", Create).WithSummary("Create a group (admin key only)");
        groups.MapGet("/", List).WithSummary("List the groups the key sees");
        groups.MapGet("/{groupId}", Get).WithSummary("Read a group");
        groups.MapPost("/{groupId}/api-keys", CreateKey).WithSummary("Create an API key of a group; the key is shown this once");
        groups.MapGet("/{groupId}/api-keys", ListKeys).WithSummary("List a group's API keys (without the keys)");
        groups.MapDelete("/{groupId}/api-keys/{keyId}", DeleteKey).WithSummary("Revoke an API key");
        return api;
    }

    private static async Task<Results<Created<GroupResponse>, ProblemHttpResult>> Create(
        GroupRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!user.IsAdmin()) return Problems.Forbidden("Only an admin key may create groups.");
        var v = new Validation();
        v.Required("name", request.Name);
        if (!v.IsValid) return v.ToProblem();
        var group = new Group { Id = Ids.New("grp"), Name = request.Name!.Trim(), CreatedAt = time.GetUtcNow() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", ToResponse(group));
    }

    private static async Task<Ok<List<GroupResponse>>> List(ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var groupId = user.GroupId();
        var groups = await db.Groups.AsNoTracking().Where(g => user.IsAdmin() || g.Id == groupId).OrderBy(g => g.Id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(groups.ConvertAll(ToResponse));
    }

    private static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> Get(string groupId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var group = await Find(groupId, user, db, ct).ConfigureAwait(false);
        return group is null ? Problems.NotFound("Group") : TypedResults.Ok(ToResponse(group));
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateKey(
        string groupId, ApiKeyRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Group");
        var v = new Validation();
        v.Required("name", request.Name);
        if (!v.IsValid) return v.ToProblem();
        var key = ApiKeys.Generate();
        var stored = new ApiKey
        {
            Id = Ids.New("key"), GroupId = groupId, Name = request.Name!.Trim(),
            KeyHash = ApiKeys.Hash(key), Prefix = ApiKeys.DisplayPrefix(key), CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/groups/{groupId}/api-keys/{stored.Id}",
            new CreatedApiKeyResponse(stored.Id, stored.Name, key, stored.Prefix, stored.CreatedAt));
    }

    private static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> ListKeys(string groupId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (await Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Group");
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.GroupId == groupId).OrderBy(k => k.Id)
            .Select(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.CreatedAt)).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(keys);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteKey(string groupId, string keyId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (await Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Group");
        var deleted = await db.ApiKeys.Where(k => k.Id == keyId && k.GroupId == groupId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        return deleted == 0 ? Problems.NotFound("API key") : TypedResults.NoContent();
    }

    internal static async Task<Group?> Find(string groupId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct) =>
        user.CanSee(groupId) ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct).ConfigureAwait(false) : null;

    private static GroupResponse ToResponse(Group g) => new(g.Id, g.Name, g.CreatedAt);
}
