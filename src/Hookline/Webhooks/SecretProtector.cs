using Microsoft.AspNetCore.DataProtection;

namespace Hookline.Webhooks;

/// <summary>Encrypts webhook secrets at rest (secret header values, signing secrets) with ASP.NET Core Data Protection.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Hookline.Webhooks.Secrets.v1");

    public const string Mask = "********";

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);
}
