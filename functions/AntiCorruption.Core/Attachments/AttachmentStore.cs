using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Evidence files in the private <c>attachments</c> container, each under a random name with no
/// metadata and no original file name (a file name or blob metadata can give a reporter away),
/// plus a row in the <c>attachments</c> table.
/// </summary>
public sealed partial class AttachmentStore(StorageAccount storage, TimeProvider time, ILogger<AttachmentStore> logger)
{
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);
    private readonly TableClient _table = storage.Table(StorageNames.AttachmentsTable);

    /// <summary>Blob index tag: "no" until a complaint claims the file (the lifecycle rule in infra/app/storage.bicep reads it).</summary>
    public const string ClaimedTag = "claimed";

    public static bool IsValidId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Stores a checked file; the blob is written first, so a row always has its file.</summary>
    public async Task<AttachmentInfo> AddAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await _container.GetBlobClient(id).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
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

    /// <summary>Marks the attachment as the complaint's. Claiming it again for the same complaint changes nothing.</summary>
    public async Task ClaimAsync(string id, string complaintId, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        if (row is null || (row.ComplaintId.Length > 0 && row.ComplaintId != complaintId))
        {
            LogClaimRefused(logger, id, complaintId);
            return;
        }

        if (row.ComplaintId == complaintId)
        {
            return;
        }

        row.ComplaintId = complaintId;
        // If-Match: a purge or another complaint that got there first wins, and the next delivery sees it.
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        await _container.GetBlobClient(id).SetTagsAsync(new Dictionary<string, string> { [ClaimedTag] = "yes" }, cancellationToken: cancellationToken);
    }

    /// <summary>A read-only link that works for <see cref="AttachmentLimits.LinkLifetime"/>.</summary>
    public async Task<AttachmentLink?> LinkAsync(string id, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expires = now + AttachmentLimits.LinkLifetime;
        var blob = _container.GetBlobClient(id);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires)
        {
            BlobContainerName = _container.Name,
            BlobName = id,
            Resource = "b",
            StartsOn = now.AddMinutes(-1),
            ContentType = row.ContentType,
            ContentDisposition = $"attachment; filename=evidence-{id[..8]}.{FileSignatures.ExtensionOf(row.ContentType)}",
        };
        Uri url;
        if (blob.CanGenerateSasUri)
        {
            url = blob.GenerateSasUri(sas);
        }
        else
        {
            // Managed identity: no account key, so the link is signed with a user delegation key.
            var key = await storage.Blobs.GetUserDelegationKeyAsync(now.AddMinutes(-1), expires, cancellationToken);
            url = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, storage.Blobs.AccountName) }.ToUri();
        }

        return new AttachmentLink(id, row.ContentType, row.Size, row.Sha256, url, expires);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} could not be claimed by complaint {ComplaintId}: gone or claimed by another")]
    private static partial void LogClaimRefused(ILogger logger, string attachmentId, string complaintId);
}
