using System.Security.Cryptography;
using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Tracking;

/// <summary>
/// A code this service hands out as a receipt: 80 random bits and a 20-bit keyed check, as 20
/// Crockford base32 characters in groups of four (<c>7KQ2-M9XD-...</c>). The alphabet has no I, L,
/// O or U, so the code survives being read aloud or copied by hand; the check catches typos, and
/// lets a forged or mistyped code be refused without a storage read. Only its keyed hash is ever
/// stored.
/// <para>
/// Each kind of code has a check key of its own (<paramref name="checkPurpose"/>), so a code of one
/// kind is refused where the other kind is asked for before any storage is read. Codes issued
/// before the kinds were told apart carry one check for both (<see cref="CodeCheck.Shared"/>): they
/// are still accepted, and then only the stored rows say what they are.
/// </para>
/// </summary>
public abstract class IssuedCodes(KeyedHasher hasher, string checkPurpose)
{
    public const int RandomBits = 80;
    private const int CheckBits = 20;
    private const int Symbols = (RandomBits + CheckBits) / 5;

    /// <summary>The check every code carried before each kind had its own; never given to a new code.</summary>
    private const string SharedCheckPurpose = "tracking-check";

    /// <summary>Makes the keyed hash a kind of code is stored and looked up by.</summary>
    protected KeyedHasher Hasher { get; } = hasher;

    /// <summary>A new code of this kind, formatted for display.</summary>
    public string New()
    {
        Span<byte> random = stackalloc byte[RandomBits / 8];
        RandomNumberGenerator.Fill(random);
        UInt128 value = 0;
        foreach (var b in random)
        {
            value = (value << 8) | b;
        }

        value = (value << CheckBits) | Check(checkPurpose, random);
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
            if (Crockford.Read(raw) is not { } c)
            {
                continue;
            }

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

    /// <summary>
    /// True when a well-formed code carries a check this service gives codes of this kind: their
    /// own, or the shared one of codes issued before. A code of the other kind issued since is false.
    /// </summary>
    public bool IsAuthentic(string canonical) => CheckOf(canonical) != CodeCheck.None;

    /// <summary>Which check a code carries, compared in constant time.</summary>
    public CodeCheck CheckOf(string canonical)
    {
        if (!TryNormalize(canonical, out var normalized))
        {
            return CodeCheck.None;
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

        // Both are computed whichever matches, so the time taken says nothing about which.
        var own = SameCheck(Check(checkPurpose, random), check);
        var shared = SameCheck(Check(SharedCheckPurpose, random), check);
        return own ? CodeCheck.Own : shared ? CodeCheck.Shared : CodeCheck.None;
    }

    private uint Check(string purpose, ReadOnlySpan<byte> random)
    {
        var mac = Hasher.Mac(purpose, random);
        return ((uint)mac[0] << 12 | (uint)mac[1] << 4 | (uint)mac[2] >> 4) & ((1u << CheckBits) - 1);
    }

    private static bool SameCheck(uint expected, uint actual)
    {
        Span<byte> a = stackalloc byte[4];
        Span<byte> b = stackalloc byte[4];
        BitConverter.TryWriteBytes(a, expected);
        BitConverter.TryWriteBytes(b, actual);
        return CryptographicOperations.FixedTimeEquals(a, b);
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
