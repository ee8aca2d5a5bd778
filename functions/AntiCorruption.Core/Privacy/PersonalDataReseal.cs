using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// After a rotation of <c>Pii__Key</c>, moves every sealed value (<see cref="SealedRecords"/>) to
/// the current key, so that the previous keys can be dropped with every record still readable.
/// <para>
/// A pass walks the tables in order, each by PartitionKey and RowKey, then the poison queues
/// (<see cref="PoisonQueueReseal"/>). A
/// value under another key is opened (the previous keys are configured for that) and sealed
/// again under the current key with the same context, and only the re-sealed properties are
/// merged into the row, under the ETag the row was read with: a row changed since it was read
/// keeps the change (the next pass takes it up), and a row is either as it was or re-sealed,
/// both readable, whenever a run dies. Evidence files are not rewritten: each blob is sealed
/// under a key of its own, and only that small key (in its row) is sealed under the PII key.
/// </para>
/// <para>
/// Bounded: a run stops after <see cref="TimePerRun"/> (or a row budget), storing where it got to
/// in the <see cref="ResealStatus"/> after every page, so a large table is finished over several
/// runs; a run that dies repeats at most a page, whose rows are under the current key by then
/// and are left as they are. Finished pass, next run: a new pass. A pass that finds every value
/// under the current key, and is not the first for that key, marks the key done; from then on
/// runs do nothing until the next rotation. With no previous key configured a run does nothing
/// at all: nothing under another key could be opened anyway.
/// </para>
/// </summary>
public sealed partial class PersonalDataReseal(StorageAccount storage, PiiProtector pii, RetentionSchedule schedule, TimeProvider time, ILogger<PersonalDataReseal> logger)
{
    /// <summary>No row is started after this long: well inside the host's 5-minute <c>functionTimeout</c>.</summary>
    public static readonly TimeSpan TimePerRun = TimeSpan.FromMinutes(3);

    /// <summary>Rows read per query page; the status is stored after each.</summary>
    public const int PageSize = 1000;

    /// <summary>Row writes in flight at once.</summary>
    public const int Parallel = 8;

    /// <summary>
    /// How long a poison message stays hidden once read, so that a walk of its queue reads each
    /// once: longer than a run. The walk shows them again when it ends; this is only how long a
    /// run that dies keeps them hidden. A message's expiry is not changed.
    /// </summary>
    public static readonly TimeSpan QueueHold = TimeSpan.FromMinutes(15);

    private readonly ResealStatusStore _status = new(storage);
    private readonly PoisonQueueReseal _poisonQueues = new(storage, pii);

    public Task<ResealOutcome> RunAsync(CancellationToken cancellationToken) => RunAsync(new ResealBudget(TimePerRun, int.MaxValue), cancellationToken);

    public async Task<ResealOutcome> RunAsync(ResealBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var previous = pii.PreviousKeyIds;
        if (previous.Count == 0)
        {
            LogNoPreviousKeys(logger, pii.CurrentKeyId);
            return new ResealOutcome(ResealState.NoPreviousKeys, null);
        }

        var (status, etag) = await _status.ReadAsync(cancellationToken);
        var run = new ResealRun(_status, time, status ?? new ResealStatus(), etag, budget);
        if (run.Status.DoneKeyId == pii.CurrentKeyId)
        {
            LogAlreadyDone(logger, pii.CurrentKeyId, run.Status.DoneAt);
            return new ResealOutcome(ResealState.Done, run.Status);
        }

        if (run.Status.KeyId != pii.CurrentKeyId)
        {
            // First run since a rotation (or the first ever): the first pass for this key.
            run.Status.KeyId = pii.CurrentKeyId;
            run.Status.Pass = 0;
            run.Status.Source = null;
            run.Status.LastPass = null;
            run.Status.LastPassFinishedAt = null;
        }

        // Between passes, or a pass begun by a version that knew other tables (one added before
        // where the pass got to would be missed): a new pass, from the first table.
        if (run.Status.Source is null || !run.Status.Sources.SequenceEqual(Sources))
        {
            run.Status.Pass++;
            run.Status.Sources = Sources;
            run.Status.PassStartedAt = run.StartedAt;
            run.Status.Source = FirstSource;
            run.Status.AfterPartition = run.Status.AfterRow = null;
            run.Status.Counts = new ResealCounts();
        }

        run.Status.PreviousKeyIds = previous;
        while (run.Status.Source is { } source)
        {
            var finished = SealedRecords.Tables.FirstOrDefault(t => t.Name == source) is { } table
                ? await WalkTableAsync(table, run, cancellationToken)
                : await _poisonQueues.WalkAsync(source, run, cancellationToken);
            if (run.Lost)
            {
                LogStatusTaken(logger);
                return new ResealOutcome(ResealState.Conflict, run.Status);
            }

            if (!finished)
            {
                var saved = await run.SaveAsync(cancellationToken);
                LogProgress(logger, run.Status.KeyId, run.Status.Pass, source, run.Status.Counts.Examined, run.Status.Counts.Resealed);
                return new ResealOutcome(saved ? ResealState.Resealing : ResealState.Conflict, run.Status);
            }

            run.Status.Source = NextSource(source);
            run.Status.AfterPartition = run.Status.AfterRow = null;
            if (run.Status.Source is not null && !await run.SaveAsync(cancellationToken))
            {
                return new ResealOutcome(ResealState.Conflict, run.Status);
            }
        }

        return await FinishPassAsync(run, cancellationToken);
    }

    private async Task<ResealOutcome> FinishPassAsync(ResealRun run, CancellationToken cancellationToken)
    {
        var status = run.Status;
        var counts = status.Counts;
        status.LastPass = counts.Copy();
        status.LastPassFinishedAt = time.GetUtcNow();
        // A clean first pass is not enough: the key must have been current for a whole run before
        // (an instance still sealing with the old key after a rotation shows up in the pass after).
        var done = counts.Clean && status.Pass >= 2;
        if (done)
        {
            status.DoneKeyId = status.KeyId;
            status.DoneAt = status.LastPassFinishedAt;
        }

        if (!await run.SaveAsync(cancellationToken))
        {
            return new ResealOutcome(ResealState.Conflict, status);
        }

        var leftByKey = counts.Left.Count == 0 ? "none" : string.Join(", ", counts.Left.Select(l => $"{l.Key}: {l.Value}"));
        LogPassFinished(logger, status.Pass, status.KeyId, counts.Examined, counts.Resealed, counts.Changed, counts.Expired, counts.Failed, counts.Unrecognised, counts.LeftTotal, leftByKey);
        if (done)
        {
            LogDone(logger, status.KeyId, status.Pass);
            return new ResealOutcome(ResealState.Done, status);
        }

        return new ResealOutcome(ResealState.PassFinished, status);
    }

    /// <summary>Walks a table from where the pass got to; true when it reached the end.</summary>
    private async Task<bool> WalkTableAsync(SealedTable table, ResealRun run, CancellationToken cancellationToken)
    {
        var client = storage.Table(table.Name);
        // Keys and the columns that matter only: the rest of a complaint row is never read.
        IReadOnlyList<string> select = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey), .. table.Columns, .. table.LifetimeUnder(schedule) is null ? Array.Empty<string>() : [nameof(ITableEntity.Timestamp)]];
        var queries = run.Status.AfterPartition is { } partition && run.Status.AfterRow is { } row
            ? new[] { TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {row}"), TableClient.CreateQueryFilter($"PartitionKey gt {partition}") }
            : new[] { (string?)null };
        try
        {
            foreach (var query in queries)
            {
                var filter = (query, table.Filter) switch
                {
                    (null, var f) => f,
                    (var q, null) => q,
                    (var q, var f) => $"({q}) and ({f})",
                };
                await foreach (var page in client.QueryAsync<TableEntity>(filter, PageSize, select, cancellationToken).AsPages())
                {
                    var writes = new List<Task<WriteOutcome>>();
                    TableEntity? last = null;
                    foreach (var entity in page.Values)
                    {
                        if (run.OutOfBudget())
                        {
                            await SettlePageAsync(run, writes, last, cancellationToken);
                            return false;
                        }

                        run.Status.Counts.Examined++;
                        run.Rows++;
                        if (Examine(table, entity, run.Status.Counts) is { } write)
                        {
                            if (!await MarkWritingAsync(run, writes, last, cancellationToken))
                            {
                                return false;
                            }

                            writes.Add(WriteAsync(client, entity, write, run.Throttle, cancellationToken));
                        }

                        last = entity;
                    }

                    if (!await SettlePageAsync(run, writes, last, cancellationToken))
                    {
                        return false;
                    }
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode == "TableNotFound")
        {
            // Never made in this account: nothing sealed in it.
        }

        return true;
    }

    /// <summary>
    /// What a row needs: null when nothing (every value under the current key, or none), else
    /// the re-sealed properties to merge, or its deletion when it is a working record past its
    /// lifetime. Values that do not open are counted as left under their key.
    /// </summary>
    private RowWrite? Examine(SealedTable table, TableEntity row, ResealCounts counts)
    {
        var stale = new List<(SealedField Field, byte[] Value, string KeyId)>();
        foreach (var field in table.Fields(row))
        {
            if (Binary(row, field.Property) is not { Length: > 0 } value || pii.IsSealedWithCurrentKey(value))
            {
                continue;
            }

            if (PiiProtector.KeyIdOf(value) is { } keyId)
            {
                stale.Add((field, value, keyId));
            }
            else
            {
                counts.Unrecognised++;
            }
        }

        if (stale.Count == 0)
        {
            return null;
        }

        if (table.LifetimeUnder(schedule) is { } lifetime && table.Lasting?.Invoke(row) != true && row.Timestamp is { } written && written < time.GetUtcNow() - lifetime)
        {
            return new RowWrite(null, stale.Count);
        }

        var merge = new TableEntity(row.PartitionKey, row.RowKey);
        var values = 0;
        foreach (var (field, value, keyId) in stale)
        {
            try
            {
                merge[field.Property] = pii.Reseal(value, field.Context);
                values++;
            }
            catch (CryptographicException)
            {
                // Under a key that is not configured, or not opening under this context: left as it
                // is, and counted, so that the rotation is not called done while it is there.
                counts.Left[keyId] = counts.Left.GetValueOrDefault(keyId) + 1;
            }
        }

        return values > 0 ? new RowWrite(merge, values) : null;
    }

    private static byte[]? Binary(TableEntity row, string property) =>
        row.TryGetValue(property, out var value) ? value switch
        {
            byte[] bytes => bytes,
            BinaryData data => data.ToArray(),
            _ => null,
        } : null;

    private static async Task<WriteOutcome> WriteAsync(TableClient client, TableEntity row, RowWrite write, SemaphoreSlim throttle, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(cancellationToken);
        try
        {
            if (write.Merge is { } merge)
            {
                await client.UpdateEntityAsync(merge, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return new WriteOutcome(Resealed: write.Values);
            }

            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return new WriteOutcome(Expired: 1);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return new WriteOutcome(Changed: 1);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return new WriteOutcome(); // deleted meanwhile: nothing of it is left anywhere
        }
        catch (RequestFailedException)
        {
            return new WriteOutcome(Failed: 1);
        }
        finally
        {
            throttle.Release();
        }
    }

    /// <summary>
    /// Before the pass's first row write, settles the page so far and stores that the pass writes
    /// (<see cref="ResealRun.MarkWritingAsync"/>).
    /// </summary>
    private static async Task<bool> MarkWritingAsync(ResealRun run, List<Task<WriteOutcome>> writes, TableEntity? last, CancellationToken cancellationToken)
    {
        if (run.Status.Counts.Wrote)
        {
            return true;
        }

        if (!await SettlePageAsync(run, writes, last, cancellationToken))
        {
            return false;
        }

        return await run.MarkWritingAsync(cancellationToken);
    }

    /// <summary>Waits for a page's writes, counts them, and stores the pass as far as <paramref name="last"/>.</summary>
    private static async Task<bool> SettlePageAsync(ResealRun run, List<Task<WriteOutcome>> writes, TableEntity? last, CancellationToken cancellationToken)
    {
        foreach (var outcome in await Task.WhenAll(writes))
        {
            run.Status.Counts.Resealed += outcome.Resealed;
            run.Status.Counts.Changed += outcome.Changed;
            run.Status.Counts.Expired += outcome.Expired;
            run.Status.Counts.Failed += outcome.Failed;
        }

        writes.Clear();
        if (last is null)
        {
            return true;
        }

        run.Status.AfterPartition = last.PartitionKey;
        run.Status.AfterRow = last.RowKey;
        return await run.SaveAsync(cancellationToken);
    }

    /// <summary>What a pass walks, in order: the tables, then the poison queues.</summary>
    private static readonly string[] Sources = [.. SealedRecords.Tables.Select(t => t.Name), .. SealedRecords.PoisonQueues];

    private static string FirstSource => Sources[0];

    private static string? NextSource(string source)
    {
        var at = Array.IndexOf(Sources, source);
        return at >= 0 && at + 1 < Sources.Length ? Sources[at + 1] : null;
    }

    /// <param name="Merge">The re-sealed properties to merge under the row's ETag; null to delete the row (expired).</param>
    private sealed record RowWrite(TableEntity? Merge, int Values);

    private sealed record WriteOutcome(int Resealed = 0, int Changed = 0, int Expired = 0, int Failed = 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal-data re-seal: no previous key is configured besides {KeyId}; nothing to do")]
    private static partial void LogNoPreviousKeys(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal-data re-seal: every sealed value has been under key {KeyId} since {DoneAt}; the previous keys can be dropped (scripts/rotate-pii-key.sh --drop-previous)")]
    private static partial void LogAlreadyDone(ILogger logger, string keyId, DateTimeOffset? doneAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal-data re-seal to key {KeyId}, pass {Pass}: stopped in {Source} for the next run; {Examined} rows and messages read, {Resealed} values re-sealed in this pass so far")]
    private static partial void LogProgress(ILogger logger, string keyId, int pass, string source, long examined, long resealed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal-data re-seal pass {Pass} to key {KeyId} finished: {Examined} rows and messages read, {Resealed} values re-sealed, {Changed} changed meanwhile, {Expired} expired records deleted, {Failed} failed, {Unrecognised} not sealed values, {Left} values still under other keys ({LeftByKey})")]
    private static partial void LogPassFinished(ILogger logger, int pass, string keyId, long examined, long resealed, long changed, long expired, long failed, long unrecognised, long left, string leftByKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal-data re-seal done: pass {Pass} found every sealed value under key {KeyId}; the previous keys can be dropped")]
    private static partial void LogDone(ILogger logger, string keyId, int pass);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Personal-data re-seal: another run changed the status first; this one stops")]
    private static partial void LogStatusTaken(ILogger logger);
}
