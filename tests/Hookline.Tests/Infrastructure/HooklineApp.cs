using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (127.0.0.1, a free port) over a real database: a SQLite file or a fresh
/// PostgreSQL database. One per provider is shared by the tests; each test makes its own groups, so
/// tenancy keeps tests apart.
/// </summary>
public sealed class HooklineApp : WebApplicationFactory<Program>, IHooklineServer
{
    public const string AdminKey = "hk_test_admin_0123456789abcdefghijklmnopqrstuv";

    private static readonly Dictionary<string, Task<HooklineApp>> Started = [];
    private static readonly Lock StartedLock = new();

    private readonly Dictionary<string, string?> _settings;

    private HooklineApp(string provider, Dictionary<string, string?> settings)
    {
        Provider = provider;
        _settings = settings;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string Provider { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The shared server of a provider, started on first use.</summary>
    public static Task<HooklineApp> For(string provider)
    {
        lock (StartedLock)
        {
            if (!Started.TryGetValue(provider, out var app)) Started[provider] = app = StartAsync(provider);
            return app;
        }
    }

    /// <summary>A server of its own, for tests that change configuration or restart it.</summary>
    public static async Task<HooklineApp> StartAsync(string provider, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = await SettingsAsync(provider);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var app = new HooklineApp(provider, settings);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        app.BaseAddress = new Uri(addresses.Addresses.First());
        return app;
    }

    /// <summary>Polls, retries and probes in milliseconds instead of seconds and minutes, for tests that wait on them.</summary>
    public static IReadOnlyDictionary<string, string?> ShortSchedules { get; } = new Dictionary<string, string?>
    {
        ["Hookline:Delivery:PollInterval"] = "00:00:00.050",
        ["Hookline:Delivery:RetrySchedule:0"] = "00:00:00.050",
        ["Hookline:Delivery:RetrySchedule:1"] = "00:00:00.100",
        ["Hookline:Delivery:RetrySchedule:2"] = "00:00:00.200",
        ["Hookline:Delivery:ProbeSchedule:0"] = "00:00:00.200",
        ["Hookline:Delivery:ProbeSchedule:1"] = "00:00:00.400",
    };

    /// <summary>What every test server is configured with: a fresh database of the provider, the admin key, private networks allowed.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(string provider)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hookline:Storage:Provider"] = provider,
            ["Hookline:Bootstrap:AdminKey"] = AdminKey,
            ["Hookline:Delivery:AllowPrivateNetworks"] = "true",
        };
        if (provider == Databases.Postgres)
        {
            settings["Hookline:Storage:ConnectionString"] = await Databases.CreatePostgresDatabaseAsync();
        }
        else
        {
            settings["Hookline:Storage:ConnectionString"] = Databases.CreateSqliteFile(out var dataDirectory);
            settings["Hookline:Storage:DataDirectory"] = dataDirectory;
        }
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public HttpClient Client(string? apiKey = AdminKey) => ServerClients.Create(BaseAddress, apiKey);
}
