using Hookline.Api;
using Hookline.Auth;
using Hookline.Calls;
using Hookline.Campaigns;
using Hookline.Deliveries;
using Hookline.Groups;
using Hookline.Locations;
using Hookline.Operations;
using Hookline.Storage;
using Hookline.Templates;
using Hookline.Tokens;
using Hookline.Treatments;
using Hookline.Users;
using Hookline.Web;
using Hookline.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Hookline.Server;

/// <summary>Wires the server: services, middleware, routes, and the start-up work (schema, admin key).</summary>
public static class HooklineServer
{
    public const string DefaultUrl = "http://localhost:5080";
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddHookline(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHooklineStorage();
        services.AddSingleton<WriteGate>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddDataProtection().SetApplicationName("Hookline").PersistKeysToDbContext<HooklineDbContext>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<TemplateStore>();
        services.AddAdminKeyStore();
        services.AddHostedService<StartupInitializer>();
        services.AddScoped<GroupService>();
        services.AddScoped<LocationService>();
        services.AddScoped<TemplateService>();
        services.AddScoped<WebhookService>();
        services.AddScoped<SkippedCallService>();
        services.AddScoped<CampaignService>();
        services.AddScoped<TreatmentService>();
        services.AddScoped<DeliveryService>();

        services.AddWebhookSender();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<DeliveryTransitions>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton<DeliveryHandOff>();
        services.AddScoped<DeliveryStore>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<IntakeWriter>();
        services.AddScoped<CallIntake>();
        services.AddHostedService<DeliveryDispatcher>();
        services.AddDeliveryReplays();
        services.AddHostedService<HeldEndSweeper>();
        // Shutdown waits for the dispatcher's grace period, then for it to give back its leases.
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>(
            (host, delivery) => host.ShutdownTimeout = delivery.Value.ShutdownGrace + TimeSpan.FromSeconds(15));

        services.AddAuthFailureLimiter();
        services.AddHooklineAuthentication();
        services.AddHooklineUsers();
        builder.AddHooklineWeb();

        services.AddHooklineHealth();
        builder.AddHooklineTelemetry();
        services.AddProblemDetails();
        services.AddExceptionHandler<Api.ApiExceptionHandler>();
        // Binding failures (malformed JSON, wrong types) reach ApiExceptionHandler, which names the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => Api.HooklineJson.Configure(o.SerializerOptions));
        services.AddOpenApi(OpenApiSetup.Configure);
        return builder;
    }

    public static WebApplication MapHookline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseRouting();
        // An error without a body becomes problem+json, except on the UI's pages, which render their own "Not found".
        app.UseWhen(c => !WebSetup.IsPage(c), other => other.UseStatusCodePages(Api.Problems.StatusCodePageAsync));
        app.UseAuthFailureLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseInputGuard();
        app.MapHooklineWeb();

        app.MapOpenApi();
        // Everything the reference page loads is served from here: no fonts, telemetry or agent from outside.
        app.MapScalarApiReference("/reference", o => o.WithTitle("Hookline API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()
            .AddPreferredSecuritySchemes(["ApiKey"]));
        app.MapHooklineHealth();
        app.MapHooklineMetrics();

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapGroups().MapUsers().MapLocations().MapTokens().MapTemplates().MapWebhooks().MapCampaigns().MapTreatments()
            .MapCalls().MapDeliveries().MapSkippedCalls();
        return app;
    }
}
