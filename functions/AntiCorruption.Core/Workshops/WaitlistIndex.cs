using System.Globalization;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// A workshop's waitlist in promotion order: one small row per waitlisted registration,
/// <c>w-{sequence}</c>, in the workshop's partition. It is written and deleted in the same
/// transactions that waitlist, promote and cancel, so the first to promote is one range read of
/// as many rows as seats are free, not a scan of every registration the workshop ever had.
/// </summary>
/// <remarks>
/// Workshops whose ledger predates the index (<see cref="SeatLedger.WaitlistIndexed"/> false) are
/// indexed once, before their next seat decision: see <see cref="BuildAsync"/>.
/// </remarks>
internal sealed class WaitlistIndex(TableClient registrations)
{
    public const string From = "w-";
    public const string To = "w.";

    public static string RowOf(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{From}{sequence:D19}");

    public static long SequenceOf(string rowKey) => long.Parse(rowKey.AsSpan(From.Length), CultureInfo.InvariantCulture);

    public static TableTransactionAction Add(string workshopId, RegistrationEntity waitlisted) =>
        new(TableTransactionActionType.Add, new WaitlistEntry { PartitionKey = workshopId, RowKey = RowOf(waitlisted.Sequence), Registration = waitlisted.RowKey });

    /// <summary>
    /// The first <paramref name="count"/> waitlisted registrations, each with the deletion of its
    /// entry (to go in the promoting transaction), plus the deletions of entries whose
    /// registration is no longer waitlisted, which the same transaction clears.
    /// </summary>
    public async Task<(IReadOnlyList<RegistrationEntity> Waiting, IReadOnlyList<TableTransactionAction> Deletions)> FirstAsync(
        string workshopId, int count, CancellationToken cancellationToken)
    {
        var waiting = new List<RegistrationEntity>(count);
        var deletions = new List<TableTransactionAction>();
        if (count <= 0)
        {
            return (waiting, deletions);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey ge {From} and RowKey lt {To}");
        await foreach (var entry in registrations.QueryAsync<WaitlistEntry>(filter, maxPerPage: count, cancellationToken: cancellationToken))
        {
            var registration = await registrations.FindAsync<RegistrationEntity>(workshopId, entry.Registration, cancellationToken);
            deletions.Add(new TableTransactionAction(TableTransactionActionType.Delete, entry, entry.ETag));
            if (registration is { Status: "waitlisted" } && registration.Sequence == SequenceOf(entry.RowKey))
            {
                waiting.Add(registration);
            }

            if (waiting.Count == count || deletions.Count >= count * 2)
            {
                break; // enough, or enough stale entries for one transaction to clear
            }
        }

        return (waiting, deletions);
    }

    /// <summary>The deletion of a registration's entry, when it has one.</summary>
    public async Task<TableTransactionAction?> RemovalOfAsync(string workshopId, RegistrationEntity waitlisted, CancellationToken cancellationToken)
    {
        var entry = await registrations.FindAsync<WaitlistEntry>(workshopId, RowOf(waitlisted.Sequence), cancellationToken);
        return entry is null ? null : new TableTransactionAction(TableTransactionActionType.Delete, entry, entry.ETag);
    }

    /// <summary>The waitlist's sequence numbers in order, read from the entries' keys alone.</summary>
    public async Task<long[]> SequencesAsync(string workshopId)
    {
        var sequences = new List<long>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey ge {From} and RowKey lt {To}");
        await foreach (var row in registrations.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            sequences.Add(SequenceOf(row.RowKey));
        }

        return [.. sequences];
    }

    /// <summary>
    /// Indexes a workshop whose ledger predates the index: scans its waitlisted registrations
    /// once, writes the missing entries and deletes any that name no waitlisted one, then marks the
    /// ledger under the ETag read before the scan. Any seat decision in between changed that ETag,
    /// so the mark fails and the next call builds again: a marked ledger's index is exact.
    /// </summary>
    public async Task<bool> BuildAsync(SeatLedger ledger, CancellationToken cancellationToken)
    {
        var workshopId = ledger.PartitionKey;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and Status eq {"waitlisted"}");
        await foreach (var row in registrations.QueryAsync<RegistrationEntity>(filter, select: ["RowKey", "Sequence"], cancellationToken: cancellationToken))
        {
            wanted[RowOf(row.Sequence)] = row.RowKey;
        }

        var changes = new List<TableTransactionAction>();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var entries = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey ge {From} and RowKey lt {To}");
        await foreach (var entry in registrations.QueryAsync<WaitlistEntry>(entries, cancellationToken: cancellationToken))
        {
            existing.Add(entry.RowKey);
            if (!wanted.TryGetValue(entry.RowKey, out var registration) || registration != entry.Registration)
            {
                changes.Add(new TableTransactionAction(TableTransactionActionType.Delete, entry, entry.ETag));
                existing.Remove(entry.RowKey);
            }
        }

        changes.AddRange(wanted.Where(w => !existing.Contains(w.Key)).Select(w =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new WaitlistEntry { PartitionKey = workshopId, RowKey = w.Key, Registration = w.Value })));
        foreach (var chunk in changes.Chunk(100))
        {
            if (!await registrations.TrySubmitAsync(chunk, cancellationToken))
            {
                return false;
            }
        }

        var mark = new TableEntity(workshopId, SeatLedger.Row) { [nameof(SeatLedger.WaitlistIndexed)] = true };
        return await registrations.TrySubmitAsync([new TableTransactionAction(TableTransactionActionType.UpdateMerge, mark, ledger.ETag)], cancellationToken);
    }
}

/// <summary>One place on a waitlist: RowKey <c>w-{sequence}</c>, naming the registration's RowKey.</summary>
public sealed class WaitlistEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Registration { get; set; } = "";
}
