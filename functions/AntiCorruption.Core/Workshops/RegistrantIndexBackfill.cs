using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Indexes, once, the registrations stored before the <see cref="RegistrantIndex"/> existed (rows
/// without <see cref="RegistrationEntity.RegistrantKeys"/>), so that a request by letter finds a
/// person's old registrations too. It runs at startup with the other seeds: each such row is
/// opened, its keys written to the index, and the row marked with them under the ETag read (a row
/// changed meanwhile is read again, and the keys just written for it removed if it no longer
/// needs them). A marker row (<c>registrationcodes</c>, <c>meta</c>/<see cref="MarkerRow"/>) is
/// written when a pass has covered every row, and later starts read only that: rows written
/// since carry their keys from intake.
/// </summary>
public sealed partial class RegistrantIndexBackfill(StorageAccount storage, RegistrantIndex index, PiiProtector pii, ILogger<RegistrantIndexBackfill> logger) : IStorageSeed
{
    public const string MarkerPartition = "meta";
    public const string MarkerRow = "registrant-index-v1";
    private const int Attempts = 5;

    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.RegistrationCodesTable);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await _codes.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }

        var indexed = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"r-"} and RowKey lt {"r."}");
        await foreach (var row in _registrations.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", nameof(RegistrationEntity.RegistrantKeys)], cancellationToken: cancellationToken))
        {
            if (row.GetString(nameof(RegistrationEntity.RegistrantKeys)) is null && await IndexAsync(row.PartitionKey, row.RowKey, cancellationToken))
            {
                indexed++;
            }
        }

        await _codes.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow) { ["Indexed"] = indexed }, TableUpdateMode.Replace, cancellationToken);
        LogDone(logger, indexed);
    }

    /// <summary>Indexes one row; false when it needed nothing (gone, or indexed meanwhile).</summary>
    private async Task<bool> IndexAsync(string workshopId, string rowKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await _registrations.GetEntityIfExistsAsync<RegistrationEntity>(workshopId, rowKey, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value!.RegistrantKeys is not null)
            {
                return false;
            }

            var row = found.Value;
            var attendee = RegistrationRecords.AttendeeOf(pii, workshopId, row);
            var keys = attendee is null ? [] : index.KeysOf(attendee);
            await index.AddAsync(workshopId, rowKey, keys, cancellationToken);
            try
            {
                var mark = new TableEntity(workshopId, rowKey) { [nameof(RegistrationEntity.RegistrantKeys)] = string.Join(' ', keys) };
                await _registrations.UpdateEntityAsync(mark, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                // Changed meanwhile (erased, perhaps): what was just written goes, and the row is read again.
                await index.RemoveAsync(rowKey, keys, cancellationToken);
            }
        }

        throw new TimeoutException($"A registration of workshop {workshopId} kept changing while it was indexed.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registrant index: {Indexed} earlier registrations indexed")]
    private static partial void LogDone(ILogger logger, int indexed);
}
