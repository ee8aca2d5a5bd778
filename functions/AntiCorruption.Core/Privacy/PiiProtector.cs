using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Secrets;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// Seals personal data with AES-256-GCM before it reaches a queue or a table.
/// Layout: version (1) | key id (4) | nonce (12) | tag (16) | ciphertext. The key id is the first
/// four bytes of SHA-256 of the key, so a rotated key is found without a separate setting.
/// The context (e.g. <c>complaint/{id}/reporter</c>) is authenticated as associated data, so a
/// ciphertext copied onto another record or field fails to open.
/// </summary>
public sealed class PiiProtector
{
    private const byte Version = 1;
    private const int KeyIdSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize + NonceSize + TagSize;

    private readonly IOptionsMonitor<PiiOptions>? _monitor;
    private KeyRing? _ring;

    /// <summary>Keys fixed for the protector's life (tests, tools).</summary>
    public PiiProtector(IOptions<PiiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = KeyRing.From(options.Value);
    }

    /// <summary>
    /// Keys read on first use and again after the configuration changes: a key that is still an
    /// unresolved Key Vault reference at start arrives later without a restart.
    /// </summary>
    public PiiProtector(IOptionsMonitor<PiiOptions> options)
    {
        _monitor = options ?? throw new ArgumentNullException(nameof(options));
        options.OnChange(_ => _ring = null);
    }

    private KeyRing Ring => _ring ??= KeyRing.From(_monitor!.CurrentValue);

    /// <summary>The id of the key new data is sealed with (hex), for operators checking a rotation.</summary>
    public string CurrentKeyId => Convert.ToHexStringLower(Ring.SealingKeyId);

    /// <summary>The ids (hex) of the previous keys configured besides the current one: what a re-seal moves data off.</summary>
    public IReadOnlyList<string> PreviousKeyIds =>
        [.. Ring.KeysById.Keys.Where(id => id != BitConverter.ToUInt32(Ring.SealingKeyId)).Select(id => Convert.ToHexStringLower(BitConverter.GetBytes(id)))];

    /// <summary>
    /// The id (hex) of the key a sealed value names, or null when it is not a sealed value of a
    /// known version (then no key opens it).
    /// </summary>
    public static string? KeyIdOf(ReadOnlySpan<byte> sealedData) =>
        sealedData.Length < HeaderSize || sealedData[0] != Version ? null : Convert.ToHexStringLower(sealedData.Slice(1, KeyIdSize));

    /// <summary>True when the value is sealed under the current key: a re-seal leaves it as it is.</summary>
    public bool IsSealedWithCurrentKey(ReadOnlySpan<byte> sealedData) =>
        sealedData.Length >= HeaderSize && sealedData[0] == Version && sealedData.Slice(1, KeyIdSize).SequenceEqual(Ring.SealingKeyId);

    /// <summary>
    /// Opens a value (under any configured key) and seals it again under the current key, bound to
    /// the same context; the plaintext is wiped before returning.
    /// </summary>
    public byte[] Reseal(ReadOnlySpan<byte> sealedData, string context)
    {
        var plaintext = Open(sealedData, context);
        try
        {
            return Seal(plaintext, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The id (hex) of a base64 key, as a ciphertext sealed under it names it (scripts/rotate-pii-key.sh computes the same).</summary>
    public static string KeyIdOfKey(string base64Key) => Convert.ToHexStringLower(KeyId(DecodeKey(base64Key, "key")));

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        var ring = Ring;
        output[0] = Version;
        ring.SealingKeyId.CopyTo(output, 1);
        var nonce = output.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(ring.SealingKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + KeyIdSize + NonceSize, TagSize), AssociatedData(context));
        return output;
    }

    public byte[] Open(ReadOnlySpan<byte> sealedData, string context)
    {
        if (sealedData.Length < HeaderSize || sealedData[0] != Version)
        {
            throw new CryptographicException("Not a sealed value of a known version.");
        }

        var keyId = BitConverter.ToUInt32(sealedData.Slice(1, KeyIdSize));
        if (!Ring.KeysById.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"Sealed with key {Convert.ToHexStringLower(sealedData.Slice(1, KeyIdSize))}, which is not configured.");
        }

        var plaintext = new byte[sealedData.Length - HeaderSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedData.Slice(1 + KeyIdSize, NonceSize),
            sealedData[HeaderSize..],
            sealedData.Slice(1 + KeyIdSize + NonceSize, TagSize),
            plaintext,
            AssociatedData(context));
        return plaintext;
    }

    public byte[] SealJson<T>(T value, string context) =>
        Seal(JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options), context);

    public T OpenJson<T>(ReadOnlySpan<byte> sealedData, string context) =>
        JsonSerializer.Deserialize<T>(Open(sealedData, context), JsonDefaults.Options)
        ?? throw new CryptographicException("Sealed value holds null.");

    private static byte[] AssociatedData(string context) => System.Text.Encoding.UTF8.GetBytes(context);

    private static byte[] KeyId(byte[] key) => SHA256.HashData(key)[..KeyIdSize];

    /// <summary>The sealing key and every key that opens, by id.</summary>
    private sealed record KeyRing(byte[] SealingKey, byte[] SealingKeyId, Dictionary<uint, byte[]> KeysById)
    {
        public static KeyRing From(PiiOptions options)
        {
            SecretSettings.ThrowIfUnresolved(options.Key, "Pii:Key");
            SecretSettings.ThrowIfUnresolved(options.PreviousKeys, "Pii:PreviousKeys");
            var sealingKey = DecodeKey(options.Key, "Pii:Key");
            var sealingKeyId = KeyId(sealingKey);
            var keysById = new Dictionary<uint, byte[]> { [BitConverter.ToUInt32(sealingKeyId)] = sealingKey };
            foreach (var previous in options.PreviousKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(k => k != PiiOptions.NoPreviousKeys))
            {
                var key = DecodeKey(previous, "Pii:PreviousKeys");
                keysById.TryAdd(BitConverter.ToUInt32(KeyId(key)), key);
            }

            return new KeyRing(sealingKey, sealingKeyId, keysById);
        }
    }

    internal static byte[] DecodeKey(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} must be base64.");
        }

        return key.Length == 32
            ? key
            : throw new InvalidOperationException($"{setting} must be 32 bytes (base64 of 32 random bytes), not {key.Length}.");
    }
}
