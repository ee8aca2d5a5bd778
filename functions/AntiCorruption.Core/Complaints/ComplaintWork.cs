namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Changes to a stored complaint under optimistic concurrency: read, change, replace if the
/// ETag still matches, else read again. Two officers acting at once both land, in some order.
/// </summary>
public sealed class ComplaintWork(ComplaintStore store, TimeProvider time)
{
    private const int Attempts = 8;

    /// <param name="change">Changes the complaint and returns true, or returns false to leave it as it is.</param>
    /// <param name="touch">Whether the change counts as one to the case (its <c>updatedAt</c>); a reporter's settings do not.</param>
    public async Task<ComplaintEntity?> UpdateAsync(string complaintId, Func<ComplaintEntity, bool> change, CancellationToken cancellationToken, bool touch = true)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var complaint = await store.GetAsync(complaintId, cancellationToken);
            if (complaint is null || !change(complaint))
            {
                return complaint;
            }

            if (touch)
            {
                complaint.UpdatedAt = time.GetUtcNow();
            }

            if (await store.TryReplaceAsync(complaint, cancellationToken))
            {
                return complaint;
            }
        }

        throw new TimeoutException($"Complaint {complaintId} kept changing under {Attempts} attempts to update it.");
    }

    /// <summary>Marks the complaint as updated now (a new message from the reporter).</summary>
    public Task TouchAsync(string complaintId, CancellationToken cancellationToken) =>
        UpdateAsync(complaintId, _ => true, cancellationToken);
}
