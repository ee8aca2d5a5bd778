namespace AntiCorruption.Core.Tracking;

/// <summary>Crockford's base32 alphabet (no I, L, O or U), shared by tracking codes and complaint ids.</summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsSymbol(char c) => Alphabet.Contains(c, StringComparison.Ordinal);

    public static int ValueOf(char c) => Alphabet.IndexOf(c, StringComparison.Ordinal);
}
