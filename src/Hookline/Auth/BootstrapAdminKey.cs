using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hookline.Auth;

/// <summary>
/// On first start with no admin key at all (none configured, none stored), makes one: stored hashed,
/// printed once, and written to <c>{DataDirectory}/admin-key.txt</c> readable by the owner only.
/// </summary>
public static partial class BootstrapAdminKey
{
    public const string FileName = "admin-key.txt";

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetRequiredService<AdminKeyStore>().HasConfiguredKey) return;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        if (await db.ApiKeys.AnyAsync(k => k.GroupId == null, cancellationToken).ConfigureAwait(false)) return;

        var key = ApiKeys.Generate();
        db.ApiKeys.Add(new ApiKey
        {
            Id = Ids.New("key"),
            Name = "bootstrap admin",
            KeyHash = ApiKeys.Hash(key),
            Prefix = ApiKeys.DisplayPrefix(key),
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var path = await SecretFile.WriteAsync(services.GetRequiredService<IOptions<StorageOptions>>().Value, FileName, key).ConfigureAwait(false);

        // Printed on the console, not through the logger: a key must not end up in collected logs.
        await Console.Out.WriteLineAsync($"""

            Hookline generated an admin API key (shown this once; also saved to {path}):

                {key}

            """).ConfigureAwait(false);
    }
}
