using System.Net;
using Hookline.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (127.0.0.1, a free port) over a real database: a SQLite file or a fresh
/// PostgreSQL database. One per provider (and settings profile) is shared by the tests; each test makes its
/// own groups, so tenancy keeps tests apart.
/// </summary>
public sealed class HooklineApp : WebApplicationFactory<Program>, IHooklineServer
{
    public const string AdminKey = "hk_test_admin_0123456789abcdefghijklmnopqrstuv";

    /// <summary>The password of the user <c>admin</c> on every test server.</summary>
    public const string AdminPassword = "test-admin-password-0123";

    /// <summary>Delivery settings shrunk from hours to fractions of a second, so retries, probes and windows run in a test.</summary>
    public static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Hookline:Delivery:RetrySchedule:0"] = "00:00:00.100",
        ["Hookline:Delivery:RetrySchedule:1"] = "00:00:00.200",
        ["Hookline:Delivery:RetrySchedule:2"] = "00:00:00.300",
        ["Hookline:Delivery:RepeatInterval"] = "00:00:00.400",
        ["Hookline:Delivery:ProbeSchedule:0"] = "00:00:00.300",
        ["Hookline:Delivery:PollInterval"] = "00:00:00.050",
        ["Hookline:Delivery:Timeout"] = "00:00:01",
        ["Hookline:Delivery:LeaseDuration"] = "00:00:05",
        ["Hookline:Delivery:MaxRetryAfter"] = "00:00:02",
    };

    /// <summary>As <see cref="FastRetries"/>, one send at a time per webhook, so the order of a drain can be seen.</summary>
    public static readonly Dictionary<string, string?> OneAtATime = new(FastRetries) { ["Hookline:Delivery:PerWebhookConcurrency"] = "1" };

    /// <summary>As <see cref="FastRetries"/>, with a retry window of 2 s, so deliveries end up failed.</summary>
    public static readonly Dictionary<string, string?> ShortWindow = new(FastRetries) { ["Hookline:Delivery:RetryWindow"] = "00:00:02" };

    private static readonly Dictionary<(string, Dictionary<string, string?>?), Task<HooklineApp>> Started = [];
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

    /// <summary>The settings this server started with: pass them to <see cref="StartAsync"/> to start again on the same database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The shared server of a provider (and settings profile), started on first use.</summary>
    public static Task<HooklineApp> For(string provider, Dictionary<string, string?>? profile = null)
    {
        lock (StartedLock)
        {
            if (!Started.TryGetValue((provider, profile), out var app)) Started[(provider, profile)] = app = StartAsync(provider, profile);
            return app;
        }
    }

    /// <summary>
    /// A server of its own, for tests that change configuration or restart it. Settings that name a connection
    /// string start it on that (existing) database; otherwise it gets a fresh one.
    /// </summary>
    public static async Task<HooklineApp> StartAsync(string provider, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = extra?.ContainsKey("Hookline:Storage:ConnectionString") == true
            ? new Dictionary<string, string?>(extra)
            : await SettingsAsync(provider);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var app = new HooklineApp(provider, settings);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        app.BaseAddress = new Uri(addresses.Addresses.First());
        return app;
    }

    /// <summary>What every test server is configured with: a fresh database of the provider, the admin key and password, private networks allowed, a roomy budget of failed keys.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(string provider)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hookline:Storage:Provider"] = provider,
            ["Hookline:Bootstrap:AdminKey"] = AdminKey,
            ["Hookline:Bootstrap:AdminPassword"] = AdminPassword,
            ["Hookline:Delivery:AllowPrivateNetworks"] = "true",
            // Every test calls from 127.0.0.1: a roomy budget, so one test's wrong keys cannot block the next.
            // AuthFailureLimitTests sets a small one on servers of its own.
            ["Hookline:Auth:FailureBurst"] = "10000",
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

    /// <summary>A context on this server's database that outlives the server, for checking what a stopped server left.</summary>
    public HooklineDbContext OpenDatabase() => OpenDatabase(Provider, _settings);

    /// <summary>The database of a server started with these settings (<see cref="SettingsAsync"/>), as it is on disk.</summary>
    public static HooklineDbContext OpenDatabase(string provider, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connectionString = settings["Hookline:Storage:ConnectionString"]!;
        return provider == Databases.Postgres
            ? new PostgresHooklineDbContext(new DbContextOptionsBuilder<PostgresHooklineDbContext>().UseNpgsql(connectionString).Options)
            : new SqliteHooklineDbContext(new DbContextOptionsBuilder<SqliteHooklineDbContext>().UseSqlite(connectionString).Options);
    }

    public HttpClient Client(string? apiKey = AdminKey) => ServerClients.Create(BaseAddress, apiKey);
}
