using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// HMAC-SHA256 under <c>Pii:HashKey</c>, for values that are only ever compared for equality
/// (tracking codes, duplicate registrations). Each use names a purpose, so a hash made for one
/// purpose never matches one made for another.
/// </summary>
public sealed class KeyedHasher(IOptions<PiiOptions> options)
{
    private readonly byte[] _key = PiiProtector.DecodeKey(options?.Value.HashKey ?? "", "Pii:HashKey");

    /// <summary>Lowercase hex of HMAC(purpose || 0 || value).</summary>
    public string Hash(string purpose, string value) => Convert.ToHexStringLower(Mac(purpose, Encoding.UTF8.GetBytes(value)));

    public byte[] Mac(string purpose, ReadOnlySpan<byte> value)
    {
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var input = new byte[purposeBytes.Length + 1 + value.Length];
        purposeBytes.CopyTo(input, 0);
        value.CopyTo(input.AsSpan(purposeBytes.Length + 1));
        return HMACSHA256.HashData(_key, input);
    }
}
