using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Json;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// One line of the audit trail. <c>n</c> is its place in the trail (from 1), <c>prev</c> the hash
/// of the record before it (64 zeros for the first) and <c>hash</c> the SHA-256 of the line as
/// written without its <c>hash</c> member, so that changing, removing or moving any record breaks
/// the chain at the record after it.
/// </summary>
public sealed record AuditRecord(
    long N,
    DateTimeOffset At,
    string? Actor,
    string? ActorName,
    string Action,
    int? Region,
    string? ComplaintId,
    string? Target,
    string? Detail,
    string Prev,
    string Hash)
{
    public static readonly string Genesis = new('0', 64);

    /// <summary><c>,"hash":"</c>, 64 hex digits and <c>"}</c>: the fixed end of every line.</summary>
    private const int HashSuffixLength = 9 + 64 + 2;

    private static readonly byte[] HashPrefix = ",\"hash\":\""u8.ToArray();

    /// <summary>The record that follows <paramref name="prev"/> at place <paramref name="n"/>, and its line (ending in a newline).</summary>
    public static (AuditRecord Record, byte[] Line) Seal(long n, string prev, AuditDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new Body(n, draft.At, draft.Actor, draft.ActorName, draft.Action, draft.Region, draft.ComplaintId, draft.Target, draft.Detail, prev),
            JsonDefaults.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var line = new byte[body.Length - 1 + HashSuffixLength + 1];
        body.AsSpan(0, body.Length - 1).CopyTo(line);
        var rest = line.AsSpan(body.Length - 1);
        HashPrefix.CopyTo(rest);
        Encoding.ASCII.GetBytes(hash, rest[HashPrefix.Length..]);
        "\"}\n"u8.CopyTo(rest[(HashPrefix.Length + 64)..]);
        return (new AuditRecord(n, draft.At, draft.Actor, draft.ActorName, draft.Action, draft.Region, draft.ComplaintId, draft.Target, draft.Detail, prev, hash), line);
    }

    /// <summary>
    /// Reads one line (without its newline). Null when it is not a record at all; otherwise the
    /// record and whether its hash is that of its own content.
    /// </summary>
    public static (AuditRecord Record, bool HashHolds)? Parse(ReadOnlySpan<byte> line)
    {
        AuditRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<AuditRecord>(line, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (record is null || record.Hash is not { Length: 64 } || record.Action is null || line.Length <= HashSuffixLength
            || !line[^HashSuffixLength..].StartsWith(HashPrefix) || !line.EndsWith("\"}"u8))
        {
            return null;
        }

        var body = new byte[line.Length - HashSuffixLength + 1];
        line[..^HashSuffixLength].CopyTo(body);
        body[^1] = (byte)'}';
        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        return (record, string.Equals(actual, record.Hash, StringComparison.Ordinal) && line[^(HashSuffixLength - HashPrefix.Length)..^2].SequenceEqual(Encoding.ASCII.GetBytes(actual)));
    }

    /// <summary>The hashed part of a line, in the order written.</summary>
    private sealed record Body(long N, DateTimeOffset At, string? Actor, string? ActorName, string Action, int? Region, string? ComplaintId, string? Target, string? Detail, string Prev);
}

/// <summary>A record before the trail gives it its place and its link to the one before.</summary>
public sealed record AuditDraft(DateTimeOffset At, string? Actor, string? ActorName, string Action, int? Region, string? ComplaintId, string? Target, string? Detail);
