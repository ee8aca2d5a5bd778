using System.Security.Cryptography;
using System.Text;

namespace AntiCorruption.Core.Tracking;

/// <summary>
/// A UUID made from a purpose and a name, the same each time: for the idempotency keys services
/// take as UUIDs (LINE's retry key, the mail service's repeatable request id), so that the same
/// push or send asked again carries the same key. It has a random UUID's version and variant bits,
/// which is what those services check.
/// </summary>
public static class StableUuid
{
    public static string Of(string purpose, string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\0" + name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
