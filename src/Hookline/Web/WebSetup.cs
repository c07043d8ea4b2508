using Hookline.Server;
using Hookline.Users;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hookline.Web;

/// <summary>The web UI: Blazor pages rendered on the server (static SSR), interactive only where a page must react while a person types.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddHooklineWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The style sheet and blazor.web.js are static web assets: outside Development they are found through the
        // build's manifest only when asked to (a published app has them in wwwroot and no manifest, which is fine).
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "hookline_antiforgery");
        return builder;
    }

    /// <summary>Call after authentication and authorization.</summary>
    public static WebApplication MapHooklineWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets();
        // The form field makes the route check the antiforgery token.
        app.MapPost(AuthenticationSetup.SignOutPath, async ([FromForm] string? returnUrl, SignInService signIn) =>
        {
            await signIn.SignOutAsync().ConfigureAwait(false);
            return TypedResults.LocalRedirect(AuthenticationSetup.SignInPath);
        }).ExcludeFromDescription();
        // Every page needs a signed-in person, except those marked [AllowAnonymous] (sign-in, not found); so does
        // the circuit of an interactive component.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        // Any other address outside /api shows the "Not found" page (404). Under /api an unknown route stays an empty
        // 404 (then problem+json). GET and HEAD only: a catch-all candidate for every method would stand in for the
        // 415 that routing gives an API route posted the wrong content type.
        app.MapFallback("{*path:nonfile:regex(^(?!api(/|$)))}", () => new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Whether the request is for a page of the UI (a Razor component).</summary>
    public static bool IsPage(HttpContext context) =>
        context?.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
