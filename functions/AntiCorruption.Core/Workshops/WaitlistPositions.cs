using System.Collections.Concurrent;
using AntiCorruption.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Places on a workshop's waitlist without a scan per page poll. Every decision, cancellation and
/// promotion rewrites the workshop's <see cref="SeatLedger"/>, so its ETag names the waitlist's
/// version: the waitlist is scanned once per version and instance (callers asking at the same
/// time share that one scan), and each place is then a binary search. A lookup costs one point
/// read; a thousand registrants polling at once cost one scan, not a thousand. The scan reads
/// the <see cref="WaitlistIndex"/>'s keys, not the workshop's registrations.
/// </summary>
public sealed class WaitlistPositions(StorageAccount storage)
{
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly WaitlistIndex _index = new(storage.Table(StorageNames.RegistrationsTable));
    private readonly ConcurrentDictionary<string, Lazy<Task<Snapshot>>> _snapshots = new(StringComparer.Ordinal);

    /// <summary>The 1-based place of the waitlisted registration with this sequence number.</summary>
    public async Task<int> PlaceOfAsync(string workshopId, long sequence, CancellationToken cancellationToken)
    {
        var ledger = await _registrations.FindAsync<SeatLedger>(workshopId, SeatLedger.Row, cancellationToken);
        var version = ledger?.ETag ?? default;
        var snapshot = await SnapshotAsync(workshopId, version, ledger?.WaitlistIndexed == true);
        var index = Array.BinarySearch(snapshot.Sequences, sequence);
        return (index >= 0 ? index : ~index) + 1;
    }

    private async Task<Snapshot> SnapshotAsync(string workshopId, ETag version, bool indexed)
    {
        var cached = _snapshots.GetOrAdd(workshopId, _ => new Lazy<Task<Snapshot>>(() => ScanAsync(workshopId, version, indexed)));
        var snapshot = await ResultOfAsync(workshopId, cached);
        if (snapshot.Version == version)
        {
            return snapshot;
        }

        // The waitlist changed since that scan: scan this version, and keep it unless another caller replaced the old one first.
        var mine = new Lazy<Task<Snapshot>>(() => ScanAsync(workshopId, version, indexed));
        _snapshots.TryUpdate(workshopId, mine, cached);
        return await ResultOfAsync(workshopId, mine);
    }

    private async Task<Snapshot> ResultOfAsync(string workshopId, Lazy<Task<Snapshot>> scan)
    {
        try
        {
            return await scan.Value;
        }
        catch
        {
            // A failed scan is not kept: the next caller scans again.
            _snapshots.TryRemove(new KeyValuePair<string, Lazy<Task<Snapshot>>>(workshopId, scan));
            throw;
        }
    }

    /// <summary>
    /// The sequence numbers on the waitlist, in order: from the index, or for a workshop not
    /// indexed yet from its waitlisted rows. Not bound to the caller's cancellation: other
    /// callers may be waiting on the same scan.
    /// </summary>
    private async Task<Snapshot> ScanAsync(string workshopId, ETag version, bool indexed)
    {
        if (indexed)
        {
            return new Snapshot(version, await _index.SequencesAsync(workshopId));
        }

        var sequences = new List<long>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and Status eq {"waitlisted"}");
        await foreach (var row in _registrations.QueryAsync<TableEntity>(filter, select: ["Sequence"]))
        {
            sequences.Add(row.GetInt64("Sequence") ?? 0);
        }

        sequences.Sort();
        return new Snapshot(version, [.. sequences]);
    }

    private sealed record Snapshot(ETag Version, long[] Sequences);
}
