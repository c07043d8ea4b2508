namespace Hookline.Auth;

/// <summary>The admin key an operator may set (<c>Hookline:Bootstrap:AdminKey</c>); without one, a key is generated on first start.</summary>
public sealed class AdminKeyOptions
{
    public const string Section = "Hookline:Bootstrap";

    /// <summary>
    /// Generated keys carry 256 random bits and are not worth guessing; a configured key is only as strong as
    /// its length, and is refused under this many characters.
    /// </summary>
    public const int MinLength = 32;

    public string? AdminKey { get; set; }

    internal bool IsLongEnough => string.IsNullOrEmpty(AdminKey) || AdminKey.Length >= MinLength;

    internal const string TooShort =
        "Hookline:Bootstrap:AdminKey must be at least 32 characters long (a generated key has 46); leave it unset to have one generated.";
}
