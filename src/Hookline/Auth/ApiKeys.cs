using System.Security.Cryptography;
using System.Text;

namespace Hookline.Auth;

/// <summary>Makes API keys and their stored form.</summary>
public static class ApiKeys
{
    private const string KeyPrefix = "hk_";

    /// <summary>A new random key: <c>hk_</c> and 32 random bytes, base64url.</summary>
    public static string Generate() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// SHA-256 of the key, hex. Keys carry 256 random bits, so a fast hash is enough: there is
    /// nothing to brute-force that a slow hash would protect.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, 10)];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
