using System.Security.Cryptography;
using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Tracking;

/// <summary>
/// The reporter's receipt: 80 random bits and a 20-bit keyed check, as 20 Crockford base32
/// characters in groups of four (<c>7KQ2-M9XD-...</c>). The alphabet has no I, L, O or U, so the
/// code survives being read aloud or copied by hand; the check catches typos, and lets a forged
/// or mistyped code be refused without a storage read. Only its keyed hash is ever stored.
/// </summary>
public sealed class TrackingCodes(KeyedHasher hasher)
{
    public const int RandomBits = 80;
    private const int CheckBits = 20;
    private const int Symbols = (RandomBits + CheckBits) / 5;

    /// <summary>A new code, formatted for display.</summary>
    public string New()
    {
        Span<byte> random = stackalloc byte[RandomBits / 8];
        RandomNumberGenerator.Fill(random);
        UInt128 value = 0;
        foreach (var b in random)
        {
            value = (value << 8) | b;
        }

        value = (value << CheckBits) | Check(random);
        Span<char> chars = stackalloc char[Symbols];
        for (var i = Symbols - 1; i >= 0; i--)
        {
            chars[i] = Crockford.Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return Format(chars);
    }

    /// <summary>
    /// Reads a code as a person typed it: any case, with or without dashes and spaces, O for 0
    /// and I or L for 1. False when it is not 20 symbols of the alphabet.
    /// </summary>
    public static bool TryNormalize(string? input, out string canonical)
    {
        canonical = "";
        if (input is null || input.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Symbols];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (count == Symbols || !Crockford.IsSymbol(c))
            {
                return false;
            }

            chars[count++] = c;
        }

        if (count != Symbols)
        {
            return false;
        }

        canonical = Format(chars);
        return true;
    }

    /// <summary>True when a well-formed code also carries the check this service computes.</summary>
    public bool IsAuthentic(string canonical)
    {
        if (!TryNormalize(canonical, out var normalized))
        {
            return false;
        }

        UInt128 value = 0;
        foreach (var c in normalized.Replace("-", "", StringComparison.Ordinal))
        {
            value = (value << 5) | (uint)Crockford.ValueOf(c);
        }

        var check = (uint)(value & ((1u << CheckBits) - 1));
        value >>= CheckBits;
        Span<byte> random = stackalloc byte[RandomBits / 8];
        for (var i = random.Length - 1; i >= 0; i--)
        {
            random[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        Span<byte> expected = stackalloc byte[4];
        Span<byte> actual = stackalloc byte[4];
        BitConverter.TryWriteBytes(expected, Check(random));
        BitConverter.TryWriteBytes(actual, check);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The keyed hash a code is stored and looked up by.</summary>
    public string Hash(string canonical) => hasher.Hash("tracking-code", canonical);

    private uint Check(ReadOnlySpan<byte> random)
    {
        var mac = hasher.Mac("tracking-check", random);
        return ((uint)mac[0] << 12 | (uint)mac[1] << 4 | (uint)mac[2] >> 4) & ((1u << CheckBits) - 1);
    }

    private static string Format(ReadOnlySpan<char> symbols)
    {
        var groups = new List<string>(Symbols / 4);
        for (var i = 0; i < Symbols; i += 4)
        {
            groups.Add(new string(symbols.Slice(i, 4)));
        }

        return string.Join('-', groups);
    }
}
