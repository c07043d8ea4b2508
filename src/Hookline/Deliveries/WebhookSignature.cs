using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hookline.Deliveries;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> + base64(HMAC-SHA256(key, "id.timestamp.body")), where the key is
/// the base64 part of a <c>whsec_</c> secret.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    private const int SecretBytes = 32;
    private const int StackKeyBytes = 256;
    private const int SignatureLength = 3 + 44; // "v1," and a 32-byte MAC in base64

    public static string GenerateSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The <c>webhook-signature</c> header value.</summary>
    /// <exception cref="FormatException">The secret is not base64 after its optional <c>whsec_</c> prefix.</exception>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(messageId);
        var encodedKey = secret.AsSpan();
        if (encodedKey.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            encodedKey = encodedKey[SecretPrefix.Length..];
        }

        var maxKeyLength = Base64.GetMaxDecodedFromUtf8Length(encodedKey.Length);
        Span<byte> key = maxKeyLength <= StackKeyBytes ? stackalloc byte[StackKeyBytes] : new byte[maxKeyLength];
        if (!Convert.TryFromBase64Chars(encodedKey, key, out var keyLength))
        {
            throw new FormatException("The signing secret is not valid base64 after its whsec_ prefix.");
        }

        // "id.timestamp." then the body, hashed in one pass from a pooled buffer.
        var headerLength = Encoding.UTF8.GetByteCount(messageId) + 1 + 20 + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(headerLength + body.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(messageId, buffer);
            buffer[written++] = (byte)'.';
            timestamp.TryFormat(buffer.AsSpan(written), out var digits, provider: CultureInfo.InvariantCulture);
            written += digits;
            buffer[written++] = (byte)'.';
            body.CopyTo(buffer.AsSpan(written));
            written += body.Length;

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key[..keyLength], buffer.AsSpan(0, written), mac);
            Span<char> signature = stackalloc char[SignatureLength];
            "v1,".CopyTo(signature);
            Convert.TryToBase64Chars(mac, signature[3..], out _);
            return new string(signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
