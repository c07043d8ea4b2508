using Hookline.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Hookline.Server;

/// <summary>
/// Two faces, one scheme each. <c>/api/…</c> knows only <c>Authorization: Bearer &lt;api key&gt;</c>: a sign-in cookie
/// sent along (as a browser does, even from another site's form) authenticates nothing there. Everything else, the
/// web UI, knows only the sign-in cookie: an API key opens no page.
/// </summary>
public static class AuthenticationSetup
{
    public const string ByPath = "Hookline";
    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";

    public static IServiceCollection AddHooklineAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ByPath)
            .AddPolicyScheme(ByPath, "API key under /api, sign-in cookie elsewhere", o => o.ForwardDefaultSelector = context =>
                IsApi(context.Request.Path) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "hookline_session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = SignInPath;
                o.LogoutPath = SignOutPath;
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            });
        services.AddAuthorization();
        return services;
    }

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
