using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// One summary file being written: staged as blocks, hashed on the way, and committed whole with
/// its SHA-256 and generation time as metadata, so a listing never pairs an old hash with new
/// content and a download during a compile gets the previous file whole.
/// </summary>
internal sealed class SummaryUpload : IAsyncDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly BlockUploadStream _upload;
    private readonly HashingStream _hashing;

    public SummaryUpload(BlobContainerClient container, string blobName, string file, int blockSize = BlockUploadStream.DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(container);
        _upload = new BlockUploadStream(container.GetBlockBlobClient(blobName), SummaryFiles.ContentTypes[file], blockSize);
        _hashing = new HashingStream(_upload, _hash);
    }

    /// <summary>Where the file's bytes go.</summary>
    public Stream Stream => _hashing;

    public async Task CompleteAsync(DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        await _hashing.FlushAsync(cancellationToken);
        await _upload.CompleteAsync(
            new Dictionary<string, string>
            {
                ["sha256"] = Convert.ToHexStringLower(_hash.GetHashAndReset()),
                ["generatedAt"] = generatedAt.ToString("O", CultureInfo.InvariantCulture),
            },
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _hashing.DisposeAsync();
        await _upload.DisposeAsync();
        _hash.Dispose();
    }
}
