using System.Security.Cryptography;

namespace AntiCorruption.Core.Line;

/// <summary>
/// LINE signs each webhook body: x-line-signature is base64 of HMAC-SHA256 over the raw bytes,
/// keyed with the channel secret. It is the only proof a request came from LINE (LINE publishes
/// no address ranges), so it is checked over the exact bytes received, in constant time.
/// </summary>
public static class LineSignature
{
    public static bool IsValid(string channelSecret, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(channelSecret);
        if (string.IsNullOrEmpty(signature) || channelSecret.Length == 0)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature, given, out var length) || length != 32)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(channelSecret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }

    public static string Sign(string channelSecret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(channelSecret), body));
}
