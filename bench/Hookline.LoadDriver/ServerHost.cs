using Hookline.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Hookline.LoadDriver;

/// <summary>The Hookline server, wired as Program.cs wires it, in this process on 127.0.0.1 and a free port.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    public const string AdminKey = "hk_load_admin_0123456789abcdefghijklmnopqrstuv";

    private readonly WebApplication _app;

    private ServerHost(WebApplication app, Uri baseAddress, string dataDirectory)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public static async Task<ServerHost> StartAsync(DriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Directory.CreateTempSubdirectory("hookline-load-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Error",
            ["Hookline:Storage:Provider"] = options.Provider,
            ["Hookline:Storage:DataDirectory"] = data,
            ["Hookline:Storage:ConnectionString"] = options.PostgresConnectionString ?? $"Data Source={Path.Combine(data, "hookline.db")}",
            ["Hookline:Bootstrap:AdminKey"] = AdminKey,
            ["Hookline:Delivery:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in options.Settings) settings[key] = value;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = data, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHookline();
        var app = builder.Build();
        app.MapHookline();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ServerHost(app, new Uri(address), data);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open; the temporary directory is left behind.
        }
    }
}
