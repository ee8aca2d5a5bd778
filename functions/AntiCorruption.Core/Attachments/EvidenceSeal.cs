using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// The sealed form of an evidence file in storage: AES-256-GCM under a key made for that file
/// alone, in chunks of <see cref="ChunkSize"/> bytes so that a download is opened and sent chunk
/// by chunk, each one checked before a byte of it leaves the app.
/// <para>
/// Layout: version (1) | chunk 0 | chunk 1 | ... where a chunk is its ciphertext and its 16-byte
/// tag. The nonce of chunk i is i (8 bytes, big-endian), then 1 for the last chunk and 0 for the
/// others, then 3 zero bytes: the key is used for this one file only, so counting is enough, and
/// a file cut short at a chunk boundary fails to open, since its new last chunk was not sealed as
/// the last. The file's own id is the associated data, so a sealed file copied under another id
/// does not open either.
/// </para>
/// </summary>
public static class EvidenceSeal
{
    public const int ChunkSize = 64 * 1024;
    public const int KeySize = 32;
    private const byte Version = 1;
    private const int TagSize = 16;
    private const int NonceSize = 12;

    /// <summary>How many bytes the sealed form of <paramref name="length"/> bytes takes.</summary>
    public static long SealedLength(long length) => 1 + length + (ChunkCount(length) * TagSize);

    /// <summary>How many bytes the file sealed in <paramref name="sealedLength"/> bytes holds, or -1 for no valid length.</summary>
    public static long OpenedLength(long sealedLength)
    {
        if (sealedLength < 1 + TagSize)
        {
            return -1;
        }

        var chunks = (sealedLength - 1 + ChunkSize + TagSize - 1) / (ChunkSize + TagSize);
        return sealedLength - 1 - (chunks * TagSize);
    }

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static byte[] Seal(ReadOnlySpan<byte> plaintext, byte[] key, string attachmentId)
    {
        var chunks = ChunkCount(plaintext.Length);
        var output = new byte[SealedLength(plaintext.Length)];
        output[0] = Version;
        using var aes = new AesGcm(key, TagSize);
        var associated = Encoding.UTF8.GetBytes(attachmentId);
        Span<byte> nonce = stackalloc byte[NonceSize];
        var at = 1;
        for (var i = 0L; i < chunks; i++)
        {
            var part = plaintext.Slice((int)(i * ChunkSize), (int)Math.Min(ChunkSize, plaintext.Length - (i * ChunkSize)));
            Nonce(nonce, i, last: i == chunks - 1);
            aes.Encrypt(nonce, part, output.AsSpan(at, part.Length), output.AsSpan(at + part.Length, TagSize), associated);
            at += part.Length + TagSize;
        }

        return output;
    }

    /// <summary>
    /// Opens a sealed file of <paramref name="sealedLength"/> bytes from <paramref name="source"/>
    /// into <paramref name="destination"/>, one checked chunk at a time; throws
    /// <see cref="CryptographicException"/> at the first chunk that was changed, moved or cut.
    /// </summary>
    public static async Task OpenAsync(Stream source, long sealedLength, Stream destination, byte[] key, string attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var plaintextLength = OpenedLength(sealedLength);
        var version = new byte[1];
        if (plaintextLength < 0 || await source.ReadAtLeastAsync(version, 1, throwOnEndOfStream: false, cancellationToken) != 1 || version[0] != Version)
        {
            throw new CryptographicException("Not a sealed evidence file of a known version.");
        }

        var chunks = ChunkCount(plaintextLength);
        var sealedChunk = new byte[ChunkSize + TagSize];
        var opened = new byte[ChunkSize];
        var associated = Encoding.UTF8.GetBytes(attachmentId);
        var nonce = new byte[NonceSize];
        using var aes = new AesGcm(key, TagSize);
        for (var i = 0L; i < chunks; i++)
        {
            var size = (int)Math.Min(ChunkSize, plaintextLength - (i * ChunkSize));
            if (await source.ReadAtLeastAsync(sealedChunk.AsMemory(0, size + TagSize), size + TagSize, throwOnEndOfStream: false, cancellationToken) != size + TagSize)
            {
                throw new CryptographicException("The sealed evidence file ends early.");
            }

            Nonce(nonce, i, last: i == chunks - 1);
            aes.Decrypt(nonce, sealedChunk.AsSpan(0, size), sealedChunk.AsSpan(size, TagSize), opened.AsSpan(0, size), associated);
            await destination.WriteAsync(opened.AsMemory(0, size), cancellationToken);
        }
    }

    /// <summary>At least one chunk, so that even an empty file has a tag to check.</summary>
    private static long ChunkCount(long length) => Math.Max(1, (length + ChunkSize - 1) / ChunkSize);

    private static void Nonce(Span<byte> nonce, long index, bool last)
    {
        BinaryPrimitives.WriteInt64BigEndian(nonce, index);
        nonce[8] = last ? (byte)1 : (byte)0;
        nonce[9..].Clear();
    }
}
