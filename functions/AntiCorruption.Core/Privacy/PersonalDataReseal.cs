using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// After a rotation of <c>Pii__Key</c>, moves every sealed value (<see cref="SealedRecords"/>) to
/// the current key, so that the previous keys can be dropped with every record still readable.
/// <para>
/// A pass walks the tables in order, each by PartitionKey and RowKey (<see cref="SealedTableReseal"/>),
/// then the poison queues (<see cref="PoisonQueueReseal"/>). A
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
    private readonly SealedTableReseal _tables = new(storage, pii, schedule, time);
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
                ? await _tables.WalkAsync(table, run, cancellationToken)
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

    /// <summary>What a pass walks, in order: the tables, then the poison queues.</summary>
    private static readonly string[] Sources = [.. SealedRecords.Tables.Select(t => t.Name), .. SealedRecords.PoisonQueues];

    private static string FirstSource => Sources[0];

    private static string? NextSource(string source)
    {
        var at = Array.IndexOf(Sources, source);
        return at >= 0 && at + 1 < Sources.Length ? Sources[at + 1] : null;
    }

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
