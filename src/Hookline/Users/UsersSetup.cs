using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hookline.Users;

public static class UsersSetup
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    /// <summary>How soon a deleted user's or a replaced password's sessions end: the cookie is checked against the store this often.</summary>
    public static readonly TimeSpan SessionRecheck = TimeSpan.FromMinutes(1);

    /// <summary>ASP.NET Core Identity over the Hookline database: users only, password length the one rule, lockout for every user.</summary>
    public static IServiceCollection AddHooklineUsers(this IServiceCollection services)
    {
        services.AddIdentityCore<HooklineUser>(o =>
            {
                o.Password.RequiredLength = UserService.MinPasswordLength;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<Storage.HooklineDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<UserClaims>();
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<HooklineUser>>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionRecheck);
        services.AddScoped<UserService>();
        services.AddScoped<SignInService>();
        return services;
    }
}
