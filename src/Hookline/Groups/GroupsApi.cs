using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Groups;

public sealed record GroupRequest(string? Name);
public sealed record GroupResponse(string Id, string Name, DateTimeOffset CreatedAt)
{
    public static GroupResponse From(Group g) => new(g.Id, g.Name, g.CreatedAt);
}
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
        GroupRequest request, ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        (await groups.CreateAsync(request, user, ct).ConfigureAwait(false))
            .ToHttp(g => TypedResults.Created($"/api/v1/groups/{g.Id}", GroupResponse.From(g)));

    private static async Task<Ok<List<GroupResponse>>> List(ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        TypedResults.Ok((await groups.ListAsync(user, ct).ConfigureAwait(false)).ConvertAll(GroupResponse.From));

    private static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> Get(string groupId, ClaimsPrincipal user, GroupService groups, CancellationToken ct)
    {
        var group = await groups.FindAsync(groupId, user, ct).ConfigureAwait(false);
        return group is null ? Problems.From(Outcome.NotFound("Group")) : TypedResults.Ok(GroupResponse.From(group));
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateKey(
        string groupId, ApiKeyRequest request, ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        (await groups.CreateKeyAsync(groupId, request, user, ct).ConfigureAwait(false)).ToHttp(k => TypedResults.Created(
            $"/api/v1/groups/{groupId}/api-keys/{k.Stored.Id}",
            new CreatedApiKeyResponse(k.Stored.Id, k.Stored.Name, k.Key, k.Stored.Prefix, k.Stored.CreatedAt)));

    private static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> ListKeys(string groupId, ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        (await groups.ListKeysAsync(groupId, user, ct).ConfigureAwait(false))
            .ToHttp(keys => TypedResults.Ok(keys.ConvertAll(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.CreatedAt))));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteKey(string groupId, string keyId, ClaimsPrincipal user, GroupService groups, CancellationToken ct) =>
        (await groups.DeleteKeyAsync(groupId, keyId, user, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());
}
