using Azure;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// One run of the re-seal (<see cref="PersonalDataReseal"/>): the status as the run moves it, the
/// ETag it was last stored under, and what the run may still do. A class of its own because the
/// walk of the tables and that of the poison queues (<see cref="PoisonQueueReseal"/>) count into
/// the same pass, spend the same budget and store the status the same way.
/// </summary>
internal sealed class ResealRun(ResealStatusStore store, TimeProvider time, ResealStatus status, ETag? etag, ResealBudget budget)
{
    public ResealStatus Status { get; } = status;
    public ETag? ETag { get; private set; } = etag;
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>Rows and messages read in this run, against the budget's.</summary>
    public int Rows { get; set; }

    /// <summary>Another run stored the status first: this one goes no further.</summary>
    public bool Lost { get; private set; }

    /// <summary>Bounds the row writes in flight at once (<see cref="PersonalDataReseal.Parallel"/>).</summary>
    public SemaphoreSlim Throttle { get; } = new(PersonalDataReseal.Parallel);

    public bool OutOfBudget() => Rows >= budget.Rows || time.GetUtcNow() - StartedAt >= budget.Time;

    /// <summary>Stores the status under the ETag it was read or last stored with; false (and <see cref="Lost"/>) when another run wrote first.</summary>
    public async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        Status.UpdatedAt = time.GetUtcNow();
        if (await store.TryWriteAsync(Status, ETag, cancellationToken) is { } etag)
        {
            ETag = etag;
            return true;
        }

        Lost = true;
        return false;
    }

    /// <summary>
    /// Before the pass's first write, stores that the pass writes: a run that dies after the write
    /// and before its next status could otherwise leave a pass that looks clean.
    /// </summary>
    public async Task<bool> MarkWritingAsync(CancellationToken cancellationToken)
    {
        if (Status.Counts.Wrote)
        {
            return true;
        }

        Status.Counts.Wrote = true;
        return await SaveAsync(cancellationToken);
    }
}
