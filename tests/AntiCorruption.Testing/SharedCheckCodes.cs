using System.Security.Cryptography;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Testing;

/// <summary>
/// Codes as the service gave them out before each kind had a check key of its own, to complaints
/// and registrations alike: 80 random bits, then 20 bits of HMAC(hash key, "tracking-check" || 0
/// || the random bytes), the first 20 bits of the MAC, as 20 Crockford base32 symbols in groups of
/// four. Written out here from that rule, not made by the code under test, so that a change to
/// the rule breaks the tests that hold old codes.
/// </summary>
public static class SharedCheckCodes
{
    public static string New(KeyedHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var random = RandomNumberGenerator.GetBytes(10);
        var mac = hasher.Mac("tracking-check", random);
        var check = ((uint)mac[0] << 12 | (uint)mac[1] << 4 | (uint)mac[2] >> 4) & 0xFFFFF;
        UInt128 value = 0;
        foreach (var b in random)
        {
            value = (value << 8) | b;
        }

        value = (value << 20) | check;
        var symbols = new char[20];
        for (var i = 19; i >= 0; i--)
        {
            symbols[i] = Crockford.Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return string.Join('-', symbols.Chunk(4).Select(group => new string(group)));
    }
}
