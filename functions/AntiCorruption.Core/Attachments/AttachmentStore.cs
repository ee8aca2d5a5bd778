using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Evidence files in the private <c>attachments</c> container, each under a random name with no
/// metadata and no original file name (a file name or blob metadata can give a reporter away),
/// plus a row in the <c>attachments</c> table.
/// <para>
/// Each file is sealed (<see cref="EvidenceSeal"/>, written by <see cref="SealedEvidenceBlobs"/>)
/// under a key of its own, and that key is sealed under <c>Pii__Key</c> in the file's row: a reader
/// of storage sees neither the file nor its type from its bytes. A file stored before files were
/// sealed is read as it is until <see cref="EarlierEvidenceSealing"/> cleans and seals it. A rotation of <c>Pii__Key</c> leaves old files readable while the
/// old key is among <c>Pii__PreviousKeys</c>, since each sealed key names the key that sealed it;
/// and re-sealing after a rotation touches only the rows' small keys, never the files.
/// </para>
/// </summary>
public sealed partial class AttachmentStore(StorageAccount storage, PiiProtector pii, TimeProvider time, ILogger<AttachmentStore> logger)
{
    private readonly SealedEvidenceBlobs _blobs = new(storage, pii);
    private readonly TableClient _table = storage.Table(StorageNames.AttachmentsTable);

    /// <summary>Blob index tag: "no" until a complaint claims the file (the lifecycle rule in infra/app/storage.bicep reads it).</summary>
    public const string ClaimedTag = "claimed";

    /// <summary>A file still free after this many changes under a claim is left to the next try.</summary>
    private const int MaxClaimAttempts = 5;

    /// <summary>The container's sealed blobs, for <see cref="EarlierEvidenceSteps"/>.</summary>
    internal SealedEvidenceBlobs Blobs => _blobs;

    public static bool IsValidId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// Stores a cleaned file, sealed; the blob is written first, so a row always has its file.
    /// The answer describes the file as kept, the one staff will download.
    /// </summary>
    public async Task<AttachmentInfo> AddAsync(CleanedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (content, contentType) = (file.Content, file.ContentType);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var sealedKey = await _blobs.WriteAsync(id, id, content, claimed: false, cancellationToken);
        await _table.AddEntityAsync(
            new AttachmentEntity
            {
                PartitionKey = AttachmentEntity.PartitionOf(id),
                RowKey = id,
                ContentType = contentType,
                Size = content.Length,
                Sha256 = sha256,
                UploadedAt = time.GetUtcNow(),
                SealedKey = sealedKey,
            },
            cancellationToken);
        return new AttachmentInfo(id, content.Length, contentType, sha256);
    }

    public async Task<AttachmentEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<AttachmentEntity>(AttachmentEntity.PartitionOf(id), id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Makes the file the complaint's, deciding between complaints that name it at the same
    /// moment: the claim is written under If-Match on the ETag <paramref name="row"/> was read
    /// with, so exactly one of them gets it. True when the complaint holds the file afterwards,
    /// which a repeat for the same complaint also is.
    /// </summary>
    public async Task<bool> ClaimAsync(AttachmentEntity row, string complaintId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var current = row;
        for (var attempt = 0; current is not null && attempt < MaxClaimAttempts; attempt++)
        {
            if (current.ComplaintId.Length > 0)
            {
                return current.ComplaintId == complaintId;
            }

            try
            {
                // Only the claim is written (a merge): whatever else the row holds stays as it is.
                await _table.UpdateEntityAsync(
                    new TableEntity(current.PartitionKey, current.RowKey) { [nameof(AttachmentEntity.ComplaintId)] = complaintId },
                    current.ETag,
                    TableUpdateMode.Merge,
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                // Someone changed the row since it was read: another complaint or the purge got there
                // first, or it was this complaint's own earlier attempt; or the row changed and the
                // file is still free (a claim given back, the file sealed by EarlierEvidenceSteps),
                // and the claim is tried again on the row as it is now.
                current = await FindAsync(row.RowKey, cancellationToken);
            }
        }

        return current?.ComplaintId == complaintId;
    }

    /// <summary>
    /// Gives the file back when the complaint that claimed it was not accepted after all, so the
    /// reporter can name it again. Only this complaint's claim is undone.
    /// </summary>
    public async Task ReleaseAsync(string id, string complaintId, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        if (row is null || row.ComplaintId != complaintId)
        {
            return;
        }

        row.ComplaintId = "";
        try
        {
            await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Changed meanwhile: whatever changed it decided.
        }
    }

    /// <summary>
    /// Called as the complaint is stored: true when the file is the complaint's, and then its
    /// blob is marked claimed (again on a redelivery, so a crash before the tag cannot leave a
    /// claimed file to the lifecycle rule). A complaint queued before intake claimed files
    /// claims it here if it is still free.
    /// </summary>
    public async Task<bool> ConfirmAsync(string id, string complaintId, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        if (row is null || !await ClaimAsync(row, complaintId, cancellationToken))
        {
            LogClaimRefused(logger, id);
            return false;
        }

        await MarkClaimedAsync(id, cancellationToken);
        return true;
    }

    /// <summary>
    /// Tags the blob the claimed row reads now. A file stored before sealing may be moving to a new
    /// blob at this moment: if the move was decided before the claim, the row read here names the
    /// new blob; if after, the mover read the claim and tagged the new blob itself; and a tag that
    /// finds the old blob already deleted reads the row again.
    /// </summary>
    private async Task MarkClaimedAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await FindAsync(id, cancellationToken);
            if (row is null)
            {
                return;
            }

            try
            {
                await _blobs.SetClaimedAsync(row.FileBlob(), claimed: true, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// The file as staff see it, when it is the complaint's (a case stored before claims were
    /// decided at intake may name a file that another case holds): null otherwise.
    /// </summary>
    public async Task<EvidenceFile?> EvidenceOfAsync(string id, string complaintId, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        return row is null || row.ComplaintId != complaintId
            ? null
            : new EvidenceFile(id, row.ContentType, row.Size, row.Sha256, $"evidence-{id[..8]}.{FileSignatures.ExtensionOf(row.ContentType)}") { SealedKey = row.SealedKey, BlobName = row.FileBlob() };
    }

    /// <summary>
    /// Starts reading the stored file, to stream through the app (staff never get a storage link).
    /// A file stored before files were sealed has no key and is read as it is.
    /// </summary>
    public async Task<OpenedEvidence> OpenAsync(EvidenceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return await _blobs.OpenAsync(file.AttachmentId, file.BlobName, file.SealedKey, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Sealed since its row was read (EarlierEvidenceSteps): the row names the new blob now.
            var row = await FindAsync(file.AttachmentId, cancellationToken);
            if (row is null || row.FileBlob() == file.BlobName)
            {
                throw;
            }

            return await _blobs.OpenAsync(file.AttachmentId, row.FileBlob(), row.SealedKey, cancellationToken);
        }
    }

    /// <summary>Deletes uploads that no complaint claimed within <see cref="AttachmentLimits.Unclaimed"/>.</summary>
    public async Task<int> PurgeUnclaimedAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - AttachmentLimits.Unclaimed;
        var purged = 0;
        var filter = TableClient.CreateQueryFilter($"ComplaintId eq {""} and UploadedAt lt {cutoff}");
        await foreach (var row in _table.QueryAsync<AttachmentEntity>(filter, cancellationToken: cancellationToken))
        {
            try
            {
                // The row goes first, under If-Match: a complaint claiming it at this moment wins.
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                continue;
            }

            // Every blob the row named: its file, and a sealed copy or an old blob EarlierEvidenceSteps left.
            foreach (var blob in new[] { row.FileBlob(), row.PendingBlob, row.RetiredBlob }.OfType<string>().Distinct())
            {
                await _blobs.DeleteAsync(blob, cancellationToken);
            }

            purged++;
        }

        return purged;
    }

    /// <summary>Names no complaint: a log line is written at the moment of its receipt, and must not tell when a case came (see ComplaintReferences).</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} could not be claimed by a complaint: gone or claimed by another")]
    private static partial void LogClaimRefused(ILogger logger, string attachmentId);
}
