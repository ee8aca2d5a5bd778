using System.Security.Cryptography;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Brings the evidence files that earlier versions stored as they were sent (raw blob, metadata
/// and all, no key in the row) to the shape of a new upload, cleaned and sealed, a bounded batch a
/// run (hourly, from <c>PurgeExpiredRecords</c>): an office upgrading a running system has such
/// files, and they must not stay readable to whoever reads storage, nor keep a reporter's GPS
/// position for staff to see. Each file goes through <see cref="EarlierEvidenceSteps"/>, whose
/// order of writes keeps every file readable whenever a run dies, and whose ETag-conditional row
/// writes let two runs at once share the work without both sealing one file.
/// </summary>
public sealed partial class EarlierEvidenceSealing(StorageAccount storage, EarlierEvidenceSteps steps, TimeProvider time, ILogger<EarlierEvidenceSealing> logger)
{
    /// <summary>At most this many files a run: about a minute of cleaning for ten-megabyte photos.</summary>
    public const int FilesPerRun = 100;

    /// <summary>
    /// No file is started after this long, well inside the host's 5-minute <c>functionTimeout</c>
    /// and half of <see cref="EarlierEvidenceSteps.Lease"/>: a run ends before its reservations can
    /// be taken over.
    /// </summary>
    public static readonly TimeSpan TimePerRun = TimeSpan.FromMinutes(2);

    private readonly TableClient _table = storage.Table(StorageNames.AttachmentsTable);

    public Task<EarlierEvidenceCounts> SealAsync(CancellationToken cancellationToken) => SealAsync(FilesPerRun, cancellationToken);

    public async Task<EarlierEvidenceCounts> SealAsync(int maxFiles, CancellationToken cancellationToken)
    {
        var counts = new EarlierEvidenceCounts();
        var stopAt = time.GetUtcNow() + TimePerRun;

        // Rows are read from a random partition on, wrapping round, so that files that fail on every
        // run cannot keep the others waiting. Sealed rows are read too (a key cannot be filtered on
        // by its absence): one pass over the table's small rows an hour.
        var start = Convert.ToHexStringLower([(byte)RandomNumberGenerator.GetInt32(256)]);
        foreach (var range in new[] { TableClient.CreateQueryFilter($"PartitionKey ge {start}"), TableClient.CreateQueryFilter($"PartitionKey lt {start}") })
        {
            await foreach (var row in _table.QueryAsync<AttachmentEntity>(range, cancellationToken: cancellationToken))
            {
                if (counts.Handled + counts.Failed >= maxFiles || time.GetUtcNow() >= stopAt)
                {
                    LogCounts(counts);
                    return counts;
                }

                if (EarlierEvidenceSteps.NeedsWork(row))
                {
                    await HandleAsync(row, counts, cancellationToken);
                }
            }
        }

        LogCounts(counts);
        return counts;
    }

    private async Task HandleAsync(AttachmentEntity row, EarlierEvidenceCounts counts, CancellationToken cancellationToken)
    {
        try
        {
            if (row.SealedKey is not null)
            {
                // Sealed by a run that died before it deleted the old blob.
                counts.Handled++;
                if (await steps.RetireAsync(row, cancellationToken))
                {
                    counts.Retired++;
                }

                return;
            }

            if (await steps.ReserveAsync(row, cancellationToken) is not { } reserved)
            {
                counts.Held++;
                return;
            }

            counts.Handled++;
            if (await steps.WriteAsync(reserved, cancellationToken) is not { } file)
            {
                counts.Missing++;
                return;
            }

            if (await steps.SwitchAsync(reserved, file, cancellationToken) is not { } switched)
            {
                counts.Held++;
                return;
            }

            if (file.Cleaned)
            {
                counts.Cleaned++;
            }
            else
            {
                counts.KeptAsStored++;
            }

            if (await steps.RetireAsync(switched, cancellationToken))
            {
                counts.Retired++;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row is as one of the steps left it, which the next run finishes. The kind of
            // failure only: a storage error's message names the blob.
            counts.Failed++;
            LogFailed(logger, ex.GetType().Name);
        }
    }

    private void LogCounts(EarlierEvidenceCounts counts)
    {
        if (counts.Handled + counts.Held + counts.Failed > 0)
        {
            LogSealed(logger, counts.Cleaned + counts.KeptAsStored, counts.Cleaned, counts.KeptAsStored, counts.Retired, counts.Held, counts.Missing, counts.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Files} evidence files stored before sealing ({Cleaned} cleaned, {KeptAsStored} kept as stored since the cleaner refused them); deleted {Retired} old blobs; {Held} held by another run; {Missing} rows without their blob; {Failed} failed")]
    private static partial void LogSealed(ILogger logger, int files, int cleaned, int keptAsStored, int retired, int held, int missing, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing an evidence file stored before sealing failed ({Error}); the next run takes it up again")]
    private static partial void LogFailed(ILogger logger, string error);
}

/// <summary>What one run of <see cref="EarlierEvidenceSealing"/> did: counts only, never which files.</summary>
public sealed class EarlierEvidenceCounts
{
    /// <summary>Rows worked on, of the run's <see cref="EarlierEvidenceSealing.FilesPerRun"/>.</summary>
    public int Handled { get; set; }

    /// <summary>Sealed after the cleaner took their metadata out.</summary>
    public int Cleaned { get; set; }

    /// <summary>Sealed as they were stored: of no accepted type, or refused by the cleaner.</summary>
    public int KeptAsStored { get; set; }

    /// <summary>Old blobs deleted once their rows read the sealed file.</summary>
    public int Retired { get; set; }

    /// <summary>Left to another run that holds them or changed them first.</summary>
    public int Held { get; set; }

    /// <summary>Rows whose blob was not there: nothing to seal.</summary>
    public int Missing { get; set; }

    public int Failed { get; set; }
}
