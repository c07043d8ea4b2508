using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Groups;

/// <summary>A new API key with the key itself, which exists only in this answer.</summary>
public sealed record CreatedApiKey(ApiKey Stored, string Key);

/// <summary>The rules of groups and their API keys, for the API and the pages alike.</summary>
public sealed class GroupService(HooklineDbContext db, TimeProvider time)
{
    public async Task<Outcome<Group>> CreateAsync(GroupRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!user.IsAdmin()) return Outcome.Forbidden("Only an admin key may create groups.");
        var v = new Validation();
        v.Required("name", request.Name);
        if (!v.IsValid) return v.ToFailure();
        var group = new Group { Id = Ids.New("grp"), Name = request.Name!.Trim(), CreatedAt = time.GetUtcNow() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return group;
    }

    /// <summary>Every group for an admin, the caller's own otherwise.</summary>
    public Task<List<Group>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var groupId = user.GroupId();
        var admin = user.IsAdmin();
        return db.Groups.AsNoTracking().Where(g => admin || g.Id == groupId).OrderBy(g => g.Id).ToListAsync(ct);
    }

    public Task<Group?> FindAsync(string groupId, ClaimsPrincipal user, CancellationToken ct) => Find(groupId, user, db, ct);

    public async Task<Outcome<CreatedApiKey>> CreateKeyAsync(string groupId, ApiKeyRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAsync(groupId, user, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Group");
        var v = new Validation();
        v.Required("name", request.Name);
        if (!v.IsValid) return v.ToFailure();
        var key = ApiKeys.Generate();
        var stored = new ApiKey
        {
            Id = Ids.New("key"), GroupId = groupId, Name = request.Name!.Trim(),
            KeyHash = ApiKeys.Hash(key), Prefix = ApiKeys.DisplayPrefix(key), CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new CreatedApiKey(stored, key);
    }

    public async Task<Outcome<List<ApiKey>>> ListKeysAsync(string groupId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(groupId, user, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Group");
        return await db.ApiKeys.AsNoTracking().Where(k => k.GroupId == groupId).OrderBy(k => k.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public async Task<Outcome<Done>> DeleteKeyAsync(string groupId, string keyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(groupId, user, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Group");
        var deleted = await db.ApiKeys.Where(k => k.Id == keyId && k.GroupId == groupId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound("API key") : new Done();
    }

    /// <summary>The group, if the caller may see it; null (a 404) otherwise.</summary>
    internal static async Task<Group?> Find(string groupId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct) =>
        user.CanSee(groupId) ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct).ConfigureAwait(false) : null;
}
