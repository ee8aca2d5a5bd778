using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// The four writes that bring one file stored before files were cleaned and sealed (a row with no
/// <see cref="AttachmentEntity.SealedKey"/>, a blob holding the file as it was sent) to the shape
/// of a new upload. Whenever the process dies, the row still opens its file and every blob is
/// named by its row:
/// <list type="number">
/// <item><see cref="ReserveAsync"/>: the row names a new blob as pending, under the row's ETag, so
/// of two runs one goes on; it still reads its old blob.</item>
/// <item><see cref="WriteAsync"/>: the file is cleaned as an upload is (or kept as it is when the
/// cleaner refuses it: an old file cannot be refused any more) and sealed under a new key into
/// the pending blob. Nothing else changes.</item>
/// <item><see cref="SwitchAsync"/>: one row write, under the reservation's ETag, makes the new
/// blob the row's file with its sealed key, size and hash, and names the old blob retired.</item>
/// <item><see cref="RetireAsync"/>: the old blob is deleted, then the row stops naming it.</item>
/// </list>
/// A run that dies after step 1 or 2 leaves a reservation that the next run takes over once it is
/// older than <see cref="Lease"/>; one that dies after step 3 leaves a retired blob that the next
/// run deletes.
/// </summary>
public sealed class EarlierEvidenceSteps(StorageAccount storage, AttachmentStore attachments, EvidenceCleaner cleaner, TimeProvider time)
{
    /// <summary>
    /// A reservation older than this belongs to a run that died: a run lasts at most the host's
    /// <c>functionTimeout</c> (5 minutes in host.json), and a run switches a row only while its
    /// reservation is younger than half of this (<see cref="SwitchAsync"/>), so a run that is still
    /// alive and one that takes its reservation over never both write the row's file.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private readonly TableClient _table = storage.Table(StorageNames.AttachmentsTable);

    /// <summary>True when the row has a step left: it is not sealed yet, or still names the blob it read before.</summary>
    public static bool NeedsWork(AttachmentEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.SealedKey is null || row.RetiredBlob is not null;
    }

    /// <summary>True when another run holds the row: it reserved it less than <see cref="Lease"/> ago.</summary>
    public bool IsHeld(AttachmentEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.PendingBlob is not null && row.PendingSince is { } since && time.GetUtcNow() - since < Lease;
    }

    /// <summary>
    /// Step 1: the row, as read, reserved for this run under a new pending blob; null when it is
    /// sealed already, held by another run, or changed since it was read (its next reader decides).
    /// </summary>
    public async Task<AttachmentEntity?> ReserveAsync(AttachmentEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.SealedKey is not null || IsHeld(row))
        {
            return null;
        }

        if (row.PendingBlob is not null)
        {
            // Left by a run that died. That copy is not the row's file, and the row names it until the
            // reservation below replaces it, so deleting it first never leaves a blob no row names.
            await attachments.Blobs.DeleteAsync(row.PendingBlob, cancellationToken);
        }

        var reserved = row.Copy();
        reserved.PendingBlob = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        reserved.PendingSince = time.GetUtcNow();
        return await ReplaceAsync(reserved, row.ETag, cancellationToken);
    }

    /// <summary>
    /// Step 2: reads the reserved row's file, cleans it with the cleaner uploads go through, and
    /// writes it sealed under a new key into the pending blob, tagged claimed as the row is. Null
    /// when the row's blob is missing (nothing to seal). The row is not written: it still reads
    /// its old blob, and the new key lives only in the answer until <see cref="SwitchAsync"/>.
    /// </summary>
    public async Task<EarlierFileSealed?> WriteAsync(AttachmentEntity reserved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        var pending = reserved.PendingBlob ?? throw new ArgumentException("The row is not reserved.", nameof(reserved));
        if (await attachments.Blobs.ReadStoredAsync(reserved.FileBlob(), cancellationToken) is not { } stored)
        {
            return null;
        }

        var (content, contentType, cleaned) = await CleanAsync(stored, reserved.ContentType, cancellationToken);
        var sealedKey = await attachments.Blobs.WriteAsync(reserved.RowKey, pending, content, claimed: reserved.ComplaintId.Length > 0, cancellationToken);
        // Size and hash of the file as kept and opened, as a new upload records them.
        return new EarlierFileSealed(sealedKey, contentType, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), cleaned);
    }

    /// <summary>
    /// Step 3: the row takes the sealed file, under the reservation's ETag. When only a claim
    /// changed the row meanwhile (the reservation is still this run's), the new blob takes the
    /// claim's tag and the switch is tried again. The row as switched, or null when the row is gone
    /// or another run took it over (then the copy, named by no row, is deleted) or the reservation
    /// grew too old (the copy stays named as pending, for the next reservation to delete).
    /// </summary>
    public async Task<AttachmentEntity?> SwitchAsync(AttachmentEntity reserved, EarlierFileSealed file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        ArgumentNullException.ThrowIfNull(file);
        var pending = reserved.PendingBlob ?? throw new ArgumentException("The row is not reserved.", nameof(reserved));
        var row = reserved;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (row.PendingSince is not { } since || time.GetUtcNow() - since >= Lease / 2)
            {
                return null;
            }

            var switched = row.Copy();
            switched.SealedKey = file.SealedKey;
            switched.ContentType = file.ContentType;
            switched.Size = file.Size;
            switched.Sha256 = file.Sha256;
            switched.BlobName = pending;
            switched.RetiredBlob = row.FileBlob();
            switched.PendingBlob = null;
            switched.PendingSince = null;
            if (await ReplaceAsync(switched, row.ETag, cancellationToken) is { } done)
            {
                return done;
            }

            var now = await attachments.FindAsync(row.RowKey, cancellationToken);
            if (now?.FileBlob() == pending)
            {
                // This very switch, answered as a conflict when a retried request found its own write.
                return now;
            }

            if (now is null || now.SealedKey is not null || now.PendingBlob != pending)
            {
                await attachments.Blobs.DeleteAsync(pending, cancellationToken);
                return null;
            }

            // The tag before the switch: once the row reads the new blob, a claim tags that one.
            await attachments.Blobs.SetClaimedAsync(pending, claimed: now.ComplaintId.Length > 0, cancellationToken);
            row = now;
        }

        return null;
    }

    /// <summary>
    /// Step 4: deletes the blob the row read before it was sealed (the row reads another by now,
    /// so nothing is lost), then clears its name from the row. True when there was one.
    /// </summary>
    public async Task<bool> RetireAsync(AttachmentEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.SealedKey is null || row.RetiredBlob is not { } retired || retired == row.FileBlob())
        {
            return false;
        }

        await attachments.Blobs.DeleteAsync(retired, cancellationToken);
        var cleared = row.Copy();
        cleared.RetiredBlob = null;
        // A row changed meanwhile (a claim) keeps the name of a deleted blob until the next run.
        await ReplaceAsync(cleared, row.ETag, cancellationToken);
        return true;
    }

    /// <summary>The file to seal: cleaned, or as it was stored when it is of no accepted type or the cleaner refuses it.</summary>
    private async Task<(byte[] Content, string ContentType, bool Cleaned)> CleanAsync(byte[] stored, string storedType, CancellationToken cancellationToken)
    {
        if (FileSignatures.Detect(stored) is not { } detected)
        {
            return (stored, storedType, false);
        }

        try
        {
            var cleaned = await cleaner.CleanAsync(stored, detected, cancellationToken);
            return (cleaned.Content, cleaned.ContentType, true);
        }
        catch (UncleanableFileException)
        {
            return (stored, storedType, false);
        }
    }

    /// <summary>The row as written, with its new ETag; null when it changed or went since it was read.</summary>
    private async Task<AttachmentEntity?> ReplaceAsync(AttachmentEntity row, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(row, ifMatch, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? default;
            return row;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>A file of the first shape, sealed into its pending blob: what its row takes at the switch.</summary>
public sealed record EarlierFileSealed(byte[] SealedKey, string ContentType, long Size, string Sha256, bool Cleaned);
