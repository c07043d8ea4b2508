using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WebhookSender"/>, <see cref="RetryPolicy"/>, their named HTTP client, the
    /// delivery options (<see cref="AddDeliveryOptions"/>) and <see cref="TimeProvider.System"/> unless
    /// another TimeProvider is registered.
    /// </summary>
    public static IServiceCollection AddWebhookSender(this IServiceCollection services)
    {
        services.AddDeliveryOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the sender times each attempt itself
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value))
            // The handler recycles its own connections (PooledConnectionLifetime), so the factory need not rotate it.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // Attempts are recorded by the dispatcher; per-request logs would cost throughput and print webhook URLs.
            .RemoveAllLoggers();
        services.TryAddSingleton<OAuth2Tokens>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton(sp => new RetryPolicy(sp.GetRequiredService<IOptions<DeliveryOptions>>()));
        return services;
    }

    /// <summary>
    /// Binds <see cref="DeliveryOptions"/> to <c>Hookline:Delivery</c> and validates them on start. Bind
    /// through this, not a bare BindConfiguration: the binder appends configured list items to the default
    /// schedules, and this makes a configured schedule replace the default one.
    /// </summary>
    public static OptionsBuilder<DeliveryOptions> AddDeliveryOptions(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        return services.AddOptions<DeliveryOptions>()
            .Configure<IConfiguration>(ClearConfiguredSchedules)
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateOnStart();
    }

    private static void ClearConfiguredSchedules(DeliveryOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(DeliveryOptions.SectionName);
        if (section.GetSection(nameof(DeliveryOptions.RetrySchedule)).GetChildren().Any())
        {
            options.RetrySchedule.Clear();
        }

        if (section.GetSection(nameof(DeliveryOptions.ProbeSchedule)).GetChildren().Any())
        {
            options.ProbeSchedule.Clear();
        }
    }

    private static SocketsHttpHandler CreateHandler(DeliveryOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        // A proxy would be the address connected to, and the rules would judge it instead of the receiver.
        UseProxy = false,
        // New connections, and so fresh DNS answers that the connector checks again, at least this often.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = new OutboundConnector(options.AllowPrivateNetworks).ConnectAsync,
        // A body longer than the excerpt is not drained for the connection's reuse: the connection is closed, so a
        // 100 MB or endless answer costs no background reading, and a webhook holds no connections beyond its slots.
        MaxResponseDrainSize = 0,
        // Traces stay ours: a receiver gets no traceparent header, only what docs/delivery.md lists.
        ActivityHeadersPropagator = System.Diagnostics.DistributedContextPropagator.CreateNoOutputPropagator(),
    };
}
