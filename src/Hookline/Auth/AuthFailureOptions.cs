using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hookline.Auth;

/// <summary>
/// How many failed authentications one client address may make (<c>Hookline:Auth</c>): a burst, then one more
/// each interval. The defaults let a person mistype a key a few times and a misconfigured script run into the
/// wall within seconds, while an address guessing keys gets 20, then 720 an hour.
/// </summary>
public sealed class AuthFailureOptions
{
    public const string Section = "Hookline:Auth";

    public int FailureBurst { get; set; } = 20;

    public TimeSpan FailureInterval { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class AuthFailureOptionsValidator : IValidateOptions<AuthFailureOptions>
{
    private const int MaxBurst = 1_000_000;
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, AuthFailureOptions options)
    {
        var failures = new List<string>();
        if (options.FailureBurst is < 1 or > MaxBurst)
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{AuthFailureOptions.Section}:{nameof(options.FailureBurst)} must be between 1 and {MaxBurst} (got {options.FailureBurst})."));
        if (options.FailureInterval <= TimeSpan.Zero || options.FailureInterval > MaxInterval)
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{AuthFailureOptions.Section}:{nameof(options.FailureInterval)} must be positive and at most {MaxInterval} (got {options.FailureInterval})."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
