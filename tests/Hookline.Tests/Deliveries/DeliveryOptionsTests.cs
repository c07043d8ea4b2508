using Hookline.Deliveries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hookline.Tests.Deliveries;

public sealed class DeliveryOptionsTests
{
    private static readonly DeliveryOptionsValidator Validator = new();

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(Validator.Validate(null, new DeliveryOptions()).Succeeded);
    }

    public static TheoryData<string, Action<DeliveryOptions>> InvalidSettings => new()
    {
        { "Timeout", o => o.Timeout = TimeSpan.Zero },
        { "RetrySchedule must have at least one entry", o => o.RetrySchedule.Clear() },
        { "RetrySchedule entries", o => o.RetrySchedule.Add(TimeSpan.FromSeconds(-1)) },
        { "RepeatInterval", o => o.RepeatInterval = TimeSpan.Zero },
        { "RetryWindow", o => o.RetryWindow = TimeSpan.FromHours(-1) },
        { "Jitter", o => o.Jitter = 1 },
        { "Jitter", o => o.Jitter = -0.1 },
        { "MaxRetryAfter", o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1) },
        { "DownAfterFailures", o => o.DownAfterFailures = 0 },
        { "ProbeSchedule must have at least one entry", o => o.ProbeSchedule.Clear() },
        { "ProbeSchedule entries", o => o.ProbeSchedule.Insert(0, TimeSpan.Zero) },
        { "PerWebhookConcurrency", o => o.PerWebhookConcurrency = 0 },
        { "PerWebhookConcurrency (65) must not exceed", o => o.PerWebhookConcurrency = 65 },
        { "MaxConcurrency", o => o.MaxConcurrency = 0 },
        { "LeaseDuration", o => o.LeaseDuration = TimeSpan.FromSeconds(15) },
        { "ShutdownGrace", o => o.ShutdownGrace = TimeSpan.FromSeconds(-1) },
        { "ResponseExcerptBytes", o => o.ResponseExcerptBytes = -1 },
        { "RecordLinger", o => o.RecordLinger = TimeSpan.FromMilliseconds(-1) },
        { "RecordLinger", o => o.RecordLinger = TimeSpan.FromSeconds(2) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validation_NamesTheSettingThatIsWrong(string named, Action<DeliveryOptions> spoil)
    {
        var options = new DeliveryOptions();
        spoil(options);

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void ConfiguredSchedule_ReplacesTheDefaultSchedule_InsteadOfAppendingToIt()
    {
        using var services = DeliveryServices.Create(settings:
        [
            new("Hookline:Delivery:RetrySchedule:0", "00:00:01"),
            new("Hookline:Delivery:RetrySchedule:1", "00:00:02"),
            new("Hookline:Delivery:ProbeSchedule:0", "00:00:03"),
        ]);

        var options = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], options.RetrySchedule);
        Assert.Equal([TimeSpan.FromSeconds(3)], options.ProbeSchedule);
    }

    [Fact]
    public void UnconfiguredSchedules_KeepTheirDefaults()
    {
        using var services = DeliveryServices.Create(settings: [new("Hookline:Delivery:Timeout", "00:00:03")]);

        var options = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(8, options.RetrySchedule.Count);
        Assert.Equal(5, options.ProbeSchedule.Count);
        Assert.False(options.AllowPrivateNetworks);
    }

    [Fact]
    public void AllowPrivateNetworks_IsReadFromTheEnvironmentVariableSpelling()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Hookline__Delivery__AllowPrivateNetworks", "true")])
            .Build();
        // Environment variables arrive with "__" already turned into ":"; do the same as the provider does.
        var settings = configuration.AsEnumerable().Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":", StringComparison.Ordinal), kv.Value));
        using var services = DeliveryServices.Create(settings: settings);

        Assert.True(services.GetRequiredService<IOptions<DeliveryOptions>>().Value.AllowPrivateNetworks);
    }

    [Fact]
    public async Task InvalidConfiguration_StopsTheHostFromStarting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Hookline:Delivery:Jitter", "1.5"), new("Hookline:Delivery:Timeout", "00:05:00")]);
        builder.Services.AddWebhookSender();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(e.Failures, f => f.StartsWith("Jitter", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("LeaseDuration", StringComparison.Ordinal));
    }
}
