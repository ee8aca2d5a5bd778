using Azure.Data.Tables;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// How far the daily run has got with each kind, in table <c>retention</c>: every record whose
/// period started before <c>DoneBefore</c> has been dealt with. A run then reads only what became
/// due since (cases closed, workshops ended in between), not every case ever closed, so its
/// reads stay the size of a few days' work however many years of cases the table holds. A run
/// that stops at its bound, or leaves a record for later, does not move the mark; the records it
/// did finish carry their own marker and are passed over next time.
/// </summary>
public sealed class RetentionProgress(StorageAccount storage)
{
    private const string Partition = "done-before";

    /// <summary>
    /// How far back past the mark a run reads again: a case closed at the moment a run read its
    /// partition, but written a little later, is still found by the next run.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromDays(1);

    private readonly TableClient _table = storage.Table(StorageNames.RetentionTable);

    /// <summary>The earliest start of a period the run must still look at; <see cref="DateTimeOffset.MinValue"/> at first.</summary>
    public async Task<DateTimeOffset> FromAsync(string kind, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, kind, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("DoneBefore") is { } done ? done - Overlap : DateTimeOffset.MinValue;
    }

    /// <summary>Everything that started before <paramref name="cutoff"/> is done; the mark never moves back.</summary>
    public async Task AdvanceAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, kind, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value!.GetDateTimeOffset("DoneBefore") is { } done && done >= cutoff)
        {
            return; // a longer period since: what was done under the shorter one stays done
        }

        await _table.UpsertEntityAsync(new TableEntity(Partition, kind) { ["DoneBefore"] = cutoff }, TableUpdateMode.Replace, cancellationToken);
    }
}
