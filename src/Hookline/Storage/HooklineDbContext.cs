using Hookline.Auth;
using Hookline.Calls;
using Hookline.Campaigns;
using Hookline.Deliveries;
using Hookline.Groups;
using Hookline.Locations;
using Hookline.Templates;
using Hookline.Treatments;
using Hookline.Users;
using Hookline.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Storage;

/// <summary>
/// The one model of Hookline. Each provider has a subclass only so that its migrations are its own
/// (<see cref="SqliteHooklineDbContext"/>, <see cref="PostgresHooklineDbContext"/>). The users of the web UI
/// are ASP.NET Core Identity's (users only: no roles, a user's group says what it sees).
/// </summary>
public abstract class HooklineDbContext(DbContextOptions options) : IdentityUserContext<HooklineUser>(options), IDataProtectionKeyContext
{
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<StoredTemplate> Templates => Set<StoredTemplate>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<TrackingNumber> TrackingNumbers => Set<TrackingNumber>();
    public DbSet<Treatment> Treatments => Set<Treatment>();
    public DbSet<PhoneCall> Calls => Set<PhoneCall>();
    public DbSet<CallEvent> CallEvents => Set<CallEvent>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<WebhookHealth> WebhookHealth => Set<WebhookHealth>();
    public DbSet<SkippedCall> SkippedCalls => Set<SkippedCall>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<HooklineUser>().ToTable("users");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(HooklineDbContext).Assembly);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}

public sealed class SqliteHooklineDbContext(DbContextOptions<SqliteHooklineDbContext> options) : HooklineDbContext(options);

public sealed class PostgresHooklineDbContext(DbContextOptions<PostgresHooklineDbContext> options) : HooklineDbContext(options);
