using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hookline.Api;
using Hookline.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hookline.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the stored key hashes and the bootstrap admin key.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HooklineDbContext db,
    AdminKeyStore adminKeys,
    AuthFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly object RefusedFor = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is 0 or > 200) return Failed();

        var hash = ApiKeys.Hash(key);
        if (adminKeys.IsAdminKeyHash(hash))
            return Success(new Claim(ClaimTypes.Role, Caller.AdminRole), new Claim(ClaimTypes.Name, "admin"));

        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Select(k => new { k.Id, k.GroupId })
            .FirstOrDefaultAsync(Context.RequestAborted).ConfigureAwait(false);
        if (stored is null) return Failed();
        return stored.GroupId is null
            ? Success(new Claim(ClaimTypes.Role, Caller.AdminRole), new Claim(ClaimTypes.Name, stored.Id))
            : Success(new Claim(Caller.GroupClaim, stored.GroupId), new Claim(ClaimTypes.Name, stored.Id));
    }

    private AuthenticateResult Failed()
    {
        // Over the budget by wrong keys in flight at the same time: answered as the ones refused outright are.
        if (!failures.RecordFailure(Context, out var retryAfter)) Context.Items[RefusedFor] = retryAfter;
        return AuthenticateResult.Fail("Invalid API key.");
    }

    private static AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RefusedFor] is TimeSpan retryAfter) return AuthFailureLimiter.RefuseAsync(Context, retryAfter);
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "A valid API key is required: Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "This route needs an admin key.");
}

/// <summary>The hash of the admin key given by configuration (<c>Hookline:Bootstrap:AdminKey</c>), if any.</summary>
public sealed class AdminKeyStore(IOptions<AdminKeyOptions> options)
{
    private readonly byte[]? _hash = options.Value.AdminKey is { Length: > 0 } key
        ? Encoding.ASCII.GetBytes(ApiKeys.Hash(key))
        : null;

    public bool HasConfiguredKey => _hash is not null;

    public bool IsAdminKeyHash(string keyHash) =>
        _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, Encoding.ASCII.GetBytes(keyHash));
}
