using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Users;

public sealed record UserResponse(string Id, string UserName, string? GroupId)
{
    public static UserResponse From(HooklineUser u) => new(u.Id, u.UserName!, u.GroupId);
}

public static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("/", Create).WithSummary("Create a user who signs in to the web UI; groupId null makes an admin (admin key only)");
        users.MapGet("/", List).WithSummary("List the users (admin key only)");
        users.MapDelete("/{id}", Delete).WithSummary("Delete a user (admin key only)");
        return api;
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Create(
        UserRequest request, ClaimsPrincipal caller, UserService users, CancellationToken ct) =>
        (await users.CreateAsync(request, caller, ct).ConfigureAwait(false))
            .ToHttp(u => TypedResults.Created($"/api/v1/users/{u.Id}", UserResponse.From(u)));

    private static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> List(ClaimsPrincipal caller, UserService users, CancellationToken ct) =>
        (await users.ListAsync(caller, ct).ConfigureAwait(false)).ToHttp(list => TypedResults.Ok(list.ConvertAll(UserResponse.From)));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal caller, UserService users, CancellationToken ct) =>
        (await users.DeleteAsync(id, caller, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());
}
