using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hookline.Auth;

public static class AuthSetup
{
    /// <summary>Registers <see cref="AdminKeyStore"/> and its setting, refused on start when too short.</summary>
    public static IServiceCollection AddAdminKeyStore(this IServiceCollection services)
    {
        services.AddOptions<AdminKeyOptions>().BindConfiguration(AdminKeyOptions.Section)
            .Validate(o => o.IsLongEnough, AdminKeyOptions.TooShort)
            .ValidateOnStart();
        services.TryAddSingleton<AdminKeyStore>();
        return services;
    }

    /// <summary>Registers <see cref="AuthFailureLimiter"/> and its settings (<c>Hookline:Auth</c>), validated on start.</summary>
    public static IServiceCollection AddAuthFailureLimiter(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthFailureOptions>, AuthFailureOptionsValidator>());
        services.AddOptions<AuthFailureOptions>().BindConfiguration(AuthFailureOptions.Section).ValidateOnStart();
        services.TryAddSingleton<AuthFailureLimiter>();
        return services;
    }

    /// <summary>
    /// Refuses, before authentication, every request with an <c>Authorization</c> header from an address that used
    /// up its failures. Requests without credentials pass: they guess nothing.
    /// </summary>
    public static IApplicationBuilder UseAuthFailureLimiter(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limiter = app.ApplicationServices.GetRequiredService<AuthFailureLimiter>();
        return app.Use((context, next) =>
            context.Request.Headers.ContainsKey(HeaderNames.Authorization) && !limiter.TryEnter(context, out var retryAfter)
                ? AuthFailureLimiter.RefuseAsync(context, retryAfter)
                : next(context));
    }
}
