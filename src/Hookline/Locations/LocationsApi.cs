using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Groups;
using Hookline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Locations;

public sealed record LocationRequest(
    string? GroupId, string? Name, string? AddressLine1, string? AddressLine2, string? City, string? State, string? Zip,
    string? AccountId, string? ExternalLocationId, string? SiteId, string? DomainId);

public sealed record LocationResponse(
    string Id, string GroupId, string Name, string? AddressLine1, string? AddressLine2, string? City, string? State, string? Zip,
    string? AccountId, string? ExternalLocationId, string? SiteId, string? DomainId, DateTimeOffset CreatedAt)
{
    public static LocationResponse From(Location l) => new(l.Id, l.GroupId, l.Name, l.AddressLine1, l.AddressLine2, l.City, l.State, l.Zip,
        l.AccountId, l.ExternalLocationId, l.SiteId, l.DomainId, l.CreatedAt);
}

public static class LocationsApi
{
    public static RouteGroupBuilder MapLocations(this RouteGroupBuilder api)
    {
        var locations = api.MapGroup("/locations").WithTags("Tenancy");
        locations.MapPost("/", Create).WithSummary("Create a location; a group key may omit groupId");
        locations.MapGet("/", List).WithSummary("List the locations the key sees");
        locations.MapGet("/{id}", Get).WithSummary("Read a location");
        locations.MapPut("/{id}", Update).WithSummary("Update a location");
        locations.MapDelete("/{id}", Delete).WithSummary("Delete a location with its webhooks, campaigns and treatments (?force=true while deliveries are pending)");
        return api;
    }

    private static async Task<Results<Created<LocationResponse>, ProblemHttpResult>> Create(
        LocationRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var groupId = request.GroupId ?? user.GroupId();
        if (groupId is null) return Problems.Invalid("groupId", "groupId is required with an admin key.");
        if (await GroupsApi.Find(groupId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Group");
        if (Validate(request) is { } invalid) return invalid;
        var location = new Location { Id = Ids.New("loc"), GroupId = groupId, Name = "", CreatedAt = time.GetUtcNow() };
        Apply(request, location);
        db.Locations.Add(location);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/locations/{location.Id}", LocationResponse.From(location));
    }

    private static async Task<Ok<List<LocationResponse>>> List(ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, string? groupId = null)
    {
        var own = user.GroupId();
        var locations = await db.Locations.AsNoTracking()
            .Where(l => (user.IsAdmin() || l.GroupId == own) && (groupId == null || l.GroupId == groupId))
            .OrderBy(l => l.Id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(locations.ConvertAll(LocationResponse.From));
    }

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var location = await Find(id, user, db, ct).ConfigureAwait(false);
        return location is null ? Problems.NotFound("Location") : TypedResults.Ok(LocationResponse.From(location));
    }

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Update(
        string id, LocationRequest request, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var location = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (location is null) return Problems.NotFound("Location");
        if (request.GroupId is not null && request.GroupId != location.GroupId)
            return Problems.Invalid("groupId", "A location cannot move to another group.");
        if (Validate(request) is { } invalid) return invalid;
        Apply(request, location);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(LocationResponse.From(location));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool force = false)
    {
        var location = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (location is null) return Problems.NotFound("Location");
        var pending = await db.Deliveries.CountAsync(d => d.Status == Deliveries.DeliveryStatus.Pending
            && db.Webhooks.Any(w => w.Id == d.WebhookId && w.LocationId == id), ct).ConfigureAwait(false);
        if (pending > 0 && !force)
            return Problems.Conflict($"The location's webhooks have {pending} deliveries not yet delivered; they would be deleted with it. Add ?force=true to delete anyway.");
        db.Locations.Remove(location);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static Task<Location?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Locations.FindVisibleAsync(id, user, ct, track);

    private static ProblemHttpResult? Validate(LocationRequest r)
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
        return v.IsValid ? null : v.ToProblem();
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
