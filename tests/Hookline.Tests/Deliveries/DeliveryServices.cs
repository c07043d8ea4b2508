using Hookline.Deliveries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Deliveries;

/// <summary>The delivery services as the application registers them, with configuration and time chosen by the test.</summary>
internal static class DeliveryServices
{
    public static ServiceProvider Create(
        Action<DeliveryOptions>? configure = null,
        TimeProvider? time = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddWebhookSender();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ServiceProvider AllowingPrivateNetworks(Action<DeliveryOptions>? configure = null, TimeProvider? time = null) =>
        Create(o =>
        {
            o.AllowPrivateNetworks = true;
            configure?.Invoke(o);
        }, time);

    public static OutboundRequest Request(
        Uri url,
        string body = """{"callid":"093cc03c"}""",
        IReadOnlySet<int>? successCodes = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null,
        string method = "POST",
        string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") =>
        new("dlv_0001", method, url, headers ?? [], System.Text.Encoding.UTF8.GetBytes(body), "application/json",
            secret, successCodes ?? new HashSet<int> { 200, 201, 202, 203, 204 });
}
