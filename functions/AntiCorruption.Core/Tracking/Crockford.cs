namespace AntiCorruption.Core.Tracking;

/// <summary>Crockford's base32 alphabet (no I, L, O or U), shared by tracking codes and complaint ids.</summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsSymbol(char c) => Alphabet.Contains(c, StringComparison.Ordinal);

    public static int ValueOf(char c) => Alphabet.IndexOf(c, StringComparison.Ordinal);

    /// <summary>
    /// A typed character as the symbol it stands for, read forgivingly as Crockford intends: any
    /// case, O for 0, I or L for 1; null for the dashes and spaces people put between groups.
    /// (What comes back is not checked against the alphabet.)
    /// </summary>
    public static char? Read(char typed) => typed is '-' or ' ' ? null : char.ToUpperInvariant(typed) switch
    {
        'O' => '0',
        'I' or 'L' => '1',
        var other => other,
    };

    /// <summary>The 26 symbols of a 128-bit value, most significant first (a ULID's text form).</summary>
    public static string Of128(UInt128 value)
    {
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
