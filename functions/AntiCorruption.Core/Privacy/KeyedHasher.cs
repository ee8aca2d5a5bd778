using System.Security.Cryptography;
using System.Text;
using AntiCorruption.Core.Secrets;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// HMAC-SHA256 under <c>Pii:HashKey</c>, for values that are only ever compared for equality
/// (tracking codes, duplicate registrations). Each use names a purpose, so a hash made for one
/// purpose never matches one made for another.
/// </summary>
public sealed class KeyedHasher
{
    private readonly IOptionsMonitor<PiiOptions>? _monitor;
    private byte[]? _key;

    /// <summary>A key fixed for the hasher's life (tests, tools).</summary>
    public KeyedHasher(IOptions<PiiOptions> options) => _key = DecodeKey(options?.Value.HashKey);

    /// <summary>The key read on first use and after a configuration change (a Key Vault reference resolved late).</summary>
    public KeyedHasher(IOptionsMonitor<PiiOptions> options)
    {
        _monitor = options ?? throw new ArgumentNullException(nameof(options));
        options.OnChange(_ => _key = null);
    }

    private byte[] Key => _key ??= DecodeKey(_monitor!.CurrentValue.HashKey);

    /// <summary>Lowercase hex of HMAC(purpose || 0 || value).</summary>
    public string Hash(string purpose, string value) => Convert.ToHexStringLower(Mac(purpose, Encoding.UTF8.GetBytes(value)));

    public byte[] Mac(string purpose, ReadOnlySpan<byte> value)
    {
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var input = new byte[purposeBytes.Length + 1 + value.Length];
        purposeBytes.CopyTo(input, 0);
        value.CopyTo(input.AsSpan(purposeBytes.Length + 1));
        return HMACSHA256.HashData(Key, input);
    }

    private static byte[] DecodeKey(string? base64)
    {
        SecretSettings.ThrowIfUnresolved(base64, "Pii:HashKey");
        return PiiProtector.DecodeKey(base64 ?? "", "Pii:HashKey");
    }
}
