namespace AntiCorruption.Core.Privacy;

/// <summary>Keys for personal data, bound from the <c>Pii</c> section (<c>Pii__Key</c>, ...).</summary>
public sealed class PiiOptions
{
    public const string Section = "Pii";

    /// <summary>Base64 of 32 random bytes: the AES-256-GCM key new ciphertexts are sealed with.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Base64 keys retired by rotation, comma-separated: still opened, never used to seal.
    /// Each ciphertext names its key, so old data stays readable while it is re-sealed.
    /// <see cref="NoPreviousKeys"/> (or empty) for none: a Key Vault secret cannot be empty.
    /// </summary>
    public string PreviousKeys { get; set; } = "";

    /// <summary>What the <c>pii-previous-keys</c> secret holds before the first rotation.</summary>
    public const string NoPreviousKeys = "none";

    /// <summary>
    /// Base64 of 32 random bytes for keyed hashes (tracking codes, duplicate checks). It is not
    /// rotated with <see cref="Key"/>: rotating it would orphan every stored hash.
    /// </summary>
    public string HashKey { get; set; } = "";
}
