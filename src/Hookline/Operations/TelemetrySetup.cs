using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hookline.Operations;

/// <summary>
/// OpenTelemetry: metrics (Hookline's own, ASP.NET Core's, HttpClient's) scraped at <c>/metrics</c> in Prometheus
/// text; traces only when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), so that nothing is
/// collected for no one.
/// </summary>
public static class TelemetrySetup
{
    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The only labels kept on the outbound HTTP and DNS instruments: their defaults include the receiver's host and
    /// port (server.address, dns.question.name), which name a customer's CRM.
    /// </summary>
    private static readonly string[] OutboundLabels = ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version", "url.scheme"];

    public static WebApplicationBuilder AddHooklineTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.QueueRefreshInterval > TimeSpan.Zero, "Hookline:Metrics:QueueRefreshInterval must be positive.").ValidateOnStart();
        services.AddHostedService<QueueGauges>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hookline", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(HooklineTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddView(instrument => instrument.Meter.Name is "System.Net.Http" or "System.Net.NameResolution"
                    ? new MetricStreamConfiguration { TagKeys = OutboundLabels }
                    : null)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(HooklineTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !IsProbe(c.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary><c>/metrics</c>, anonymous like the health endpoints: a scraper has no key, and no tenant's data is in it.</summary>
    public static IEndpointRouteBuilder MapHooklineMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint().ExcludeFromDescription();
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
