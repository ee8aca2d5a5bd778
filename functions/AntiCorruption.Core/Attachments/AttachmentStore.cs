using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Evidence files in the private <c>attachments</c> container, each under a random name with no
/// metadata and no original file name (a file name or blob metadata can give a reporter away),
/// plus a row in the <c>attachments</c> table.
/// <para>
/// Each file is sealed (<see cref="EvidenceSeal"/>) under a key of its own, and that key is
/// sealed under <c>Pii__Key</c> in the file's row: a reader of storage sees neither the file nor
/// its type from its bytes. A rotation of <c>Pii__Key</c> leaves old files readable while the
/// old key is among <c>Pii__PreviousKeys</c>, since each sealed key names the key that sealed it;
/// and re-sealing after a rotation touches only the rows' small keys, never the files.
/// </para>
/// </summary>
public sealed partial class AttachmentStore(StorageAccount storage, PiiProtector pii, TimeProvider time, ILogger<AttachmentStore> logger)
{
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);
    private readonly TableClient _table = storage.Table(StorageNames.AttachmentsTable);

    /// <summary>Blob index tag: "no" until a complaint claims the file (the lifecycle rule in infra/app/storage.bicep reads it).</summary>
    public const string ClaimedTag = "claimed";

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
        var key = EvidenceSeal.NewKey();
        byte[] sealedFile;
        byte[] sealedKey;
        try
        {
            sealedFile = EvidenceSeal.Seal(content, key, id);
            sealedKey = pii.Seal(key, KeyContext(id));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        await _container.GetBlobClient(id).UploadAsync(
            BinaryData.FromBytes(sealedFile),
            new BlobUploadOptions
            {
                // The type is in the row, not on the blob: the blob tells a storage reader nothing.
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                // Storage's lifecycle rule deletes blobs still tagged unclaimed: a backstop to the purge timer.
                Tags = new Dictionary<string, string> { [ClaimedTag] = "no" },
            },
            cancellationToken);
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

    /// <summary>The associated data of a file's sealed key: a key copied onto another file's row does not open.</summary>
    private static string KeyContext(string attachmentId) => $"attachment/{attachmentId}/key";

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
    /// moment: the row is replaced under If-Match on the ETag <paramref name="row"/> was read
    /// with, so exactly one of them gets it. True when the complaint holds the file afterwards,
    /// which a repeat for the same complaint also is.
    /// </summary>
    public async Task<bool> ClaimAsync(AttachmentEntity row, string complaintId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.ComplaintId.Length > 0)
        {
            return row.ComplaintId == complaintId;
        }

        try
        {
            await _table.UpdateEntityAsync(
                new AttachmentEntity
                {
                    PartitionKey = row.PartitionKey,
                    RowKey = row.RowKey,
                    ContentType = row.ContentType,
                    Size = row.Size,
                    Sha256 = row.Sha256,
                    UploadedAt = row.UploadedAt,
                    ComplaintId = complaintId,
                    SealedKey = row.SealedKey,
                },
                row.ETag,
                TableUpdateMode.Replace,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Someone changed the row since it was read: another complaint or the purge got there
            // first, unless it was this complaint's own earlier attempt.
            return (await FindAsync(row.RowKey, cancellationToken))?.ComplaintId == complaintId;
        }
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

        await _container.GetBlobClient(id).SetTagsAsync(new Dictionary<string, string> { [ClaimedTag] = "yes" }, cancellationToken: cancellationToken);
        return true;
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
            : new EvidenceFile(id, row.ContentType, row.Size, row.Sha256, $"evidence-{id[..8]}.{FileSignatures.ExtensionOf(row.ContentType)}") { SealedKey = row.SealedKey };
    }

    /// <summary>
    /// Starts reading the stored file, to stream through the app (staff never get a storage link).
    /// A file stored before files were sealed has no key and is read as it is.
    /// </summary>
    public async Task<OpenedEvidence> OpenAsync(EvidenceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var key = file.SealedKey is null ? null : pii.Open(file.SealedKey, KeyContext(file.AttachmentId));
        var download = await _container.GetBlobClient(file.AttachmentId).DownloadStreamingAsync(cancellationToken: cancellationToken);
        return new OpenedEvidence(download.Value.Content, download.Value.Details.ContentLength, key, file.AttachmentId);
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

            await _container.GetBlobClient(row.RowKey).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            purged++;
        }

        return purged;
    }

    /// <summary>Names no complaint: a log line is written at the moment of its receipt, and must not tell when a case came (see ComplaintReferences).</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} could not be claimed by a complaint: gone or claimed by another")]
    private static partial void LogClaimRefused(ILogger logger, string attachmentId);
}
