using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// Where the chain lives: append blobs named <c>yyyy/MM/dd/NNNN.jsonl</c> (UTC day, then part),
/// one record a block. Every append is conditional on the position the writer believes is the
/// end, so writers on several instances never fork the chain: a writer that loses the race reads
/// what was added and tries again after it. A blob is left for the next only by a closing record
/// (<see cref="Continued"/>, naming the next blob) appended the same way, so no record can land
/// after the chain has moved on. In Azure the container has a time-based immutability policy
/// with protected append writes: the app can add blocks, and no one can change or delete one.
/// Azurite ignores the policy; there only the chain shows a change.
/// </summary>
/// <param name="container">The trail's container; another only for tests that need a trail of their own.</param>
/// <param name="recordsPerBlob">When a day's blob is full and the next part begins.</param>
public sealed class AuditTrailStore(StorageAccount storage, string container = StorageNames.AuditContainer, int recordsPerBlob = AuditTrailStore.RecordsPerBlob) : IDisposable
{
    /// <summary>The action of the record that closes a blob; its detail is the next blob's name.</summary>
    public const string Continued = "trail.continued";

    /// <summary>Well under an append blob's 50,000 blocks, so a busy day only ever adds parts.</summary>
    public const int RecordsPerBlob = 10_000;

    private const int MaxAttempts = 50;
    private const int TailBytes = 64 * 1024;

    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(container);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Tail? _tail;

    /// <summary>Adds the record at the end of the chain; throws when the trail cannot be written.</summary>
    public async Task<AuditRecord> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var tail = _tail ??= await FindTailAsync(cancellationToken);
                var next = NextBlob(tail, draft.At);
                if (next is not null && tail.Blob is not null && !tail.Closed)
                {
                    // Close this blob first, in the chain, so a writer still on it sees it has moved on.
                    var closing = new AuditDraft(draft.At, null, null, Continued, null, null, next, null);
                    if (await TryAppendAsync(tail, closing, cancellationToken) is null)
                    {
                        _tail = await ReadTailAsync(tail.Blob, tail, cancellationToken);
                    }

                    continue;
                }

                if (next is not null || tail.Closed)
                {
                    var name = tail.Closed ? tail.Next! : next!;
                    await _container.GetAppendBlobClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    _tail = tail = await ReadTailAsync(name, tail with { Blob = name, Length = 0, Count = 0, Closed = false, Next = null }, cancellationToken);
                    if (tail.Closed)
                    {
                        continue;
                    }
                }

                var appended = await TryAppendAsync(tail, draft, cancellationToken);
                if (appended is not null)
                {
                    return appended;
                }

                _tail = await ReadTailAsync(tail.Blob!, tail, cancellationToken);
            }

            throw new InvalidOperationException("The audit trail changed under every attempt to append to it.");
        }
        catch
        {
            // What this instance believed may be wrong now; the next append reads the end again.
            _tail = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Every blob of the trail whose name starts with <paramref name="prefix"/>, in chain order.</summary>
    public async Task<IReadOnlyList<string>> BlobNamesAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            names.Add(item.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The lines of one blob, in order, without their newlines.</summary>
    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ReadLinesAsync(string blob, CancellationToken cancellationToken)
    {
        var content = (await _container.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory();
        return SplitLines(content, wholeFirst: true);
    }

    public static string BlobName(DateOnly day, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyy}/{day:MM}/{day:dd}/{part:D4}.jsonl");

    /// <summary>The UTC day a blob holds, from its name.</summary>
    public static DateOnly DayOf(string blob) => DateOnly.ParseExact(blob[..10], "yyyy/MM/dd", CultureInfo.InvariantCulture);

    private static int PartOf(string blob) => int.Parse(blob.AsSpan(11, 4), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The blob the next record must start, or null when it goes in the current one.</summary>
    private string? NextBlob(Tail tail, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (tail.Blob is null)
        {
            return BlobName(day, 0);
        }

        var current = DayOf(tail.Blob);
        // Only ever forward: a writer whose clock is a little behind adds to today's blob.
        return day > current ? BlobName(day, 0) : tail.Count >= recordsPerBlob ? BlobName(current, PartOf(tail.Blob) + 1) : null;
    }

    private async Task<AuditRecord?> TryAppendAsync(Tail tail, AuditDraft draft, CancellationToken cancellationToken)
    {
        var (record, line) = AuditRecord.Seal(tail.N + 1, tail.Hash, draft);
        try
        {
            using var content = new MemoryStream(line, writable: false);
            var info = await _container.GetAppendBlobClient(tail.Blob).AppendBlockAsync(
                content,
                new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = tail.Length } },
                cancellationToken);
            _tail = new Tail(tail.Blob, tail.Length + line.Length, record.N, record.Hash, info.Value.BlobCommittedBlockCount, record.Action == Continued, record.Action == Continued ? record.Target : null);
            return record;
        }
        catch (RequestFailedException e) when (e.Status == 412 && e.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
        {
            // Another writer got there first: read what it added and try after it. Any other
            // failure (a lease, a policy, storage down) is the trail failing, and propagates.
            return null;
        }
    }

    /// <summary>The end of the chain: the last record of the last blob that has one.</summary>
    private async Task<Tail> FindTailAsync(CancellationToken cancellationToken)
    {
        var names = await BlobNamesAsync("", cancellationToken);
        var tail = new Tail(null, 0, 0, AuditRecord.Genesis, 0, false, null);
        for (var i = names.Count - 1; i >= 0; i--)
        {
            var found = await ReadTailAsync(names[i], tail with { Blob = names[i] }, cancellationToken);
            if (found.Length > 0)
            {
                // An empty blob after it was started by a writer that closed this one and then stopped.
                return i < names.Count - 1 && found.Closed && found.Next == names[^1] ? found with { Blob = names[^1], Length = 0, Count = 0, Closed = false, Next = null } : found;
            }
        }

        return tail;
    }

    /// <summary>The state at the end of <paramref name="blob"/>; <paramref name="known"/> when it holds nothing yet.</summary>
    private async Task<Tail> ReadTailAsync(string blob, Tail known, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadTailOnceAsync(blob, known, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxAttempts)
            {
                // Appended to between its length and its last bytes: read the new end.
            }
        }
    }

    private async Task<Tail> ReadTailOnceAsync(string blob, Tail known, CancellationToken cancellationToken)
    {
        var client = _container.GetBlobClient(blob);
        var properties = (await client.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        if (properties.ContentLength == 0)
        {
            return known with { Blob = blob, Length = 0, Count = 0 };
        }

        var start = Math.Max(0, properties.ContentLength - TailBytes);
        var download = await client.DownloadContentAsync(new BlobDownloadOptions
        {
            Range = new HttpRange(start, properties.ContentLength - start),
            Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
        }, cancellationToken);
        var lines = SplitLines(download.Value.Content.ToMemory(), wholeFirst: start == 0);
        var last = lines.Count == 0 ? null : AuditRecord.Parse(lines[^1].Span);
        if (last is null)
        {
            throw new InvalidDataException($"The audit trail blob {blob} does not end with a record.");
        }

        var record = last.Value.Record;
        return new Tail(blob, properties.ContentLength, record.N, record.Hash, properties.BlobCommittedBlockCount, record.Action == Continued, record.Action == Continued ? record.Target : null);
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> content, bool wholeFirst)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var rest = content;
        var first = true;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if ((wholeFirst || !first) && !line.IsEmpty)
            {
                lines.Add(line);
            }

            first = false;
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
        }

        return lines;
    }

    /// <summary>What a writer knows of the end: the blob, its length and blocks, the last record's place and hash.</summary>
    private sealed record Tail(string? Blob, long Length, long N, string Hash, int Count, bool Closed, string? Next);
}
