using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// The blobs of the private <c>attachments</c> container. Each holds one evidence file sealed
/// (<see cref="EvidenceSeal"/>) under a key made for it alone, and that key, sealed under
/// <c>Pii__Key</c>, goes in the file's row; a blob carries no metadata, no type and no name but a
/// random one, and the index tag <see cref="AttachmentStore.ClaimedTag"/> for the lifecycle rule.
/// New uploads (<see cref="AttachmentStore"/>) and files stored before sealing
/// (<see cref="EarlierEvidenceSteps"/>) are written by this one piece of code.
/// </summary>
internal sealed class SealedEvidenceBlobs(StorageAccount storage, PiiProtector pii)
{
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);

    /// <summary>
    /// Seals a file under a new key and writes it to blob <paramref name="blobName"/>, never over a
    /// blob already there (a row holds the one key that opens its blob); the answer is the key
    /// sealed under <c>Pii__Key</c>, for the row.
    /// </summary>
    public async Task<byte[]> WriteAsync(string attachmentId, string blobName, byte[] content, bool claimed, CancellationToken cancellationToken)
    {
        var key = EvidenceSeal.NewKey();
        byte[] sealedFile;
        byte[] sealedKey;
        try
        {
            sealedFile = EvidenceSeal.Seal(content, key, attachmentId);
            sealedKey = pii.Seal(key, KeyContext(attachmentId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        await _container.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromBytes(sealedFile),
            new BlobUploadOptions
            {
                // The type is in the row, not on the blob: the blob tells a storage reader nothing.
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                // Storage's lifecycle rule deletes blobs still tagged unclaimed: a backstop to the purge timer.
                Tags = ClaimedTags(claimed),
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            },
            cancellationToken);
        return sealedKey;
    }

    /// <summary>
    /// Starts reading a file, opening it chunk by chunk when it is sealed (a file stored before
    /// files were sealed has no key and is read as it is).
    /// </summary>
    public async Task<OpenedEvidence> OpenAsync(string attachmentId, string blobName, byte[]? sealedKey, CancellationToken cancellationToken)
    {
        var key = sealedKey is null ? null : pii.Open(sealedKey, KeyContext(attachmentId));
        try
        {
            var download = await _container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new OpenedEvidence(download.Value.Content, download.Value.Details.ContentLength, key, attachmentId);
        }
        catch
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            throw;
        }
    }

    /// <summary>A blob's bytes as they are stored, or null when there is no such blob.</summary>
    public async Task<byte[]?> ReadStoredAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Marks a blob claimed or not, for the lifecycle rule.</summary>
    public async Task SetClaimedAsync(string blobName, bool claimed, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(blobName).SetTagsAsync(ClaimedTags(claimed), cancellationToken: cancellationToken);

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    private static Dictionary<string, string> ClaimedTags(bool claimed) => new() { [AttachmentStore.ClaimedTag] = claimed ? "yes" : "no" };

    /// <summary>The associated data of a file's sealed key: a key copied onto another file's row does not open.</summary>
    private static string KeyContext(string attachmentId) => $"attachment/{attachmentId}/key";
}
