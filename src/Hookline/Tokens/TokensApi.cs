using Hookline.Core.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Tokens;

public sealed record TokenResponse(string Token, string Name, string Category, string Description, string Example, string? MemberOf);

public static class TokensApi
{
    private static readonly List<TokenResponse> All = [.. TokenCatalog.All.Select(t =>
        new TokenResponse(t.Token, t.Name, t.CategoryName, t.Description, t.Example, t.MemberOf is null ? null : $"%{t.MemberOf}%"))];

    public static RouteGroupBuilder MapTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens", List).WithTags("Data points").WithSummary("The data points (tokens) a template field can be mapped to");
        return api;
    }

    private static Ok<List<TokenResponse>> List() => TypedResults.Ok(All);
}
