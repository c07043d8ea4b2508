using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

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
        LocationRequest request, ClaimsPrincipal user, LocationService locations, CancellationToken ct) =>
        (await locations.CreateAsync(request, user, ct).ConfigureAwait(false))
            .ToHttp(l => TypedResults.Created($"/api/v1/locations/{l.Id}", LocationResponse.From(l)));

    private static async Task<Ok<List<LocationResponse>>> List(ClaimsPrincipal user, LocationService locations, CancellationToken ct, string? groupId = null) =>
        TypedResults.Ok((await locations.ListAsync(user, groupId, ct).ConfigureAwait(false)).ConvertAll(LocationResponse.From));

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, LocationService locations, CancellationToken ct)
    {
        var location = await locations.FindAsync(id, user, ct).ConfigureAwait(false);
        return location is null ? Problems.From(Outcome.NotFound("Location")) : TypedResults.Ok(LocationResponse.From(location));
    }

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Update(
        string id, LocationRequest request, ClaimsPrincipal user, LocationService locations, CancellationToken ct) =>
        (await locations.UpdateAsync(id, request, user, ct).ConfigureAwait(false)).ToHttp(l => TypedResults.Ok(LocationResponse.From(l)));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, LocationService locations, CancellationToken ct, bool force = false) =>
        (await locations.DeleteAsync(id, force, user, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());
}
