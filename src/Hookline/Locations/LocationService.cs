using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Groups;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Locations;

/// <summary>The rules of locations, for the API and the pages alike.</summary>
public sealed class LocationService(HooklineDbContext db, TimeProvider time)
{
    /// <summary>The locations the caller sees, optionally of one group only.</summary>
    public Task<List<Location>> ListAsync(ClaimsPrincipal user, string? groupId, CancellationToken ct)
    {
        var own = user.GroupId();
        var admin = user.IsAdmin();
        return db.Locations.AsNoTracking()
            .Where(l => (admin || l.GroupId == own) && (groupId == null || l.GroupId == groupId))
            .OrderBy(l => l.Id).ToListAsync(ct);
    }

    public Task<Location?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct) => Find(id, user, db, ct);

    /// <summary>A group key's location goes to its group; an admin names the group.</summary>
    public async Task<Outcome<Location>> CreateAsync(LocationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var groupId = request.GroupId ?? user.GroupId();
        if (groupId is null) return Outcome.Invalid("groupId", "groupId is required with an admin key.");
        if (await GroupService.Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Group");
        if (Validate(request) is { } invalid) return invalid;
        var location = new Location { Id = Ids.New("loc"), GroupId = groupId, Name = "", CreatedAt = time.GetUtcNow() };
        Apply(request, location);
        db.Locations.Add(location);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return location;
    }

    public async Task<Outcome<Location>> UpdateAsync(string id, LocationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (location is null) return Outcome.NotFound("Location");
        if (request.GroupId is not null && request.GroupId != location.GroupId)
            return Outcome.Invalid("groupId", "A location cannot move to another group.");
        if (Validate(request) is { } invalid) return invalid;
        Apply(request, location);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return location;
    }

    /// <summary>Deletes the location with its webhooks, campaigns and treatments; refused while deliveries are pending unless forced.</summary>
    public async Task<Outcome<Done>> DeleteAsync(string id, bool force, ClaimsPrincipal user, CancellationToken ct)
    {
        var location = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (location is null) return Outcome.NotFound("Location");
        var pending = await db.Deliveries.CountAsync(d => d.Status == Deliveries.DeliveryStatus.Pending
            && db.Webhooks.Any(w => w.Id == d.WebhookId && w.LocationId == id), ct).ConfigureAwait(false);
        if (pending > 0 && !force)
            return Outcome.Conflict($"The location's webhooks have {pending} deliveries not yet delivered; they would be deleted with it. Add ?force=true to delete anyway.");
        db.Locations.Remove(location);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Done();
    }

    internal static Task<Location?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Locations.FindVisibleAsync(id, user, ct, track);

    private static Failure? Validate(LocationRequest r)
    {
        var v = new Validation();
        v.Required("name", r.Name);
        v.Optional("addressLine1", r.AddressLine1);
        v.Optional("addressLine2", r.AddressLine2);
        v.Optional("city", r.City, 100);
        v.Optional("state", r.State, 100);
        v.Optional("zip", r.Zip, 20);
        v.Optional("accountId", r.AccountId, 100);
        v.Optional("externalLocationId", r.ExternalLocationId, 100);
        v.Optional("siteId", r.SiteId, 100);
        v.Optional("domainId", r.DomainId, 100);
        return v.IsValid ? null : v.ToFailure();
    }

    private static void Apply(LocationRequest r, Location l)
    {
        l.Name = r.Name!.Trim();
        l.AddressLine1 = r.AddressLine1;
        l.AddressLine2 = r.AddressLine2;
        l.City = r.City;
        l.State = r.State;
        l.Zip = r.Zip;
        l.AccountId = r.AccountId;
        l.ExternalLocationId = r.ExternalLocationId;
        l.SiteId = r.SiteId;
        l.DomainId = r.DomainId;
    }
}
