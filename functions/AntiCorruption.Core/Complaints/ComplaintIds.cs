using System.Security.Cryptography;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Complaint ids are ULIDs (48-bit millisecond time + 80 random bits, Crockford base32): unique
/// without coordination, sortable by time, and not the tracking code, so staff can pass an id
/// around without handing over the reporter's key.
/// </summary>
public static class ComplaintIds
{
    public static string New(DateTimeOffset at)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        UInt128 value = (ulong)at.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
        foreach (var b in random)
        {
            value = (value << 8) | b;
        }

        return Crockford.Of128(value);
    }

    /// <summary>The instant (to the millisecond) an id was made at.</summary>
    public static DateTimeOffset TimeOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        long ms = 0;
        foreach (var c in id[..10])
        {
            ms = (ms << 5) | (long)Crockford.ValueOf(c);
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    public static bool IsValid(string? id) =>
        id is { Length: 26 } && id.All(Crockford.IsSymbol) && id[0] <= '7';
}
