using System.Security.Cryptography;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The name a complaint goes by outside staff answers (exports, integration events). A complaint
/// id is a ULID, whose first ten symbols are its receipt time to the millisecond: an agency that
/// reads one next to its own proxy logs finds who reported. A reference is the id's 128 bits
/// through AES-256 under a key derived from <c>Pii:HashKey</c>: one block, so a keyed permutation
/// of the id, carrying none of its time, the same every time (rows of two exports and events
/// about one case match), and turned back into the id only by the app (staff look a reference up).
/// The hash key is never rotated, so a reference stays valid as long as the case.
/// </summary>
public sealed class ComplaintReferences
{
    /// <summary>Starts every reference, so that it is never taken for a complaint id (26 symbols, the first 0-7) or a tracking code.</summary>
    public const char Prefix = 'R';

    public const int Length = 27;

    private readonly byte[] _key;

    public ComplaintReferences(KeyedHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        _key = hasher.Mac("complaint-reference", []);
    }

    /// <summary>The reference of a complaint id.</summary>
    public string Of(string complaintId)
    {
        if (!ComplaintIds.IsValid(complaintId))
        {
            throw new ArgumentException("Not a complaint id.", nameof(complaintId));
        }

        Span<byte> block = stackalloc byte[16];
        ToBytes(complaintId, block);
        // One block of a block cipher is a keyed permutation: ECB's weakness (equal blocks look
        // equal) is what is wanted here, the same id always giving the same reference.
        Span<byte> sealedBlock = stackalloc byte[16];
        using var aes = Cipher();
        aes.EncryptEcb(block, sealedBlock, PaddingMode.None);
        return Prefix + ToSymbols(sealedBlock);
    }

    /// <summary>The complaint id a reference stands for; false for anything that is not a reference (typed in any case).</summary>
    public bool TryResolve(string? reference, out string complaintId)
    {
        complaintId = "";
        var text = reference?.Trim().ToUpperInvariant();
        if (text is not { Length: Length } || text[0] != Prefix || !ComplaintIds.IsValid(text[1..]))
        {
            return false;
        }

        Span<byte> block = stackalloc byte[16];
        ToBytes(text[1..], block);
        Span<byte> opened = stackalloc byte[16];
        using var aes = Cipher();
        aes.DecryptEcb(block, opened, PaddingMode.None);
        complaintId = ToSymbols(opened);
        return true;
    }

    /// <summary>One per call: an Aes instance is not documented as safe to share between threads.</summary>
    private Aes Cipher()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }

    /// <summary>26 symbols of base32 (the first holding 3 bits) as 16 bytes, big-endian.</summary>
    private static void ToBytes(string symbols, Span<byte> bytes)
    {
        UInt128 value = 0;
        foreach (var c in symbols)
        {
            value = (value << 5) | (uint)Crockford.ValueOf(c);
        }

        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }
    }

    private static string ToSymbols(ReadOnlySpan<byte> bytes)
    {
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return Crockford.Of128(value);
    }
}
