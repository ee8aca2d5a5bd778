using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// A write stream that stages blocks (4 MB unless told otherwise) and commits them only when completed, so the
/// previous version of the blob stays whole and readable until the new one replaces it at once.
/// (OpenWrite with overwrite empties the blob first, which a reader downloading meanwhile would see.)
/// One block uploads while the writer fills the next, so a compile does not stop reading rows
/// while storage takes a block; memory stays at two blocks.
/// </summary>
internal sealed class BlockUploadStream(BlockBlobClient blob, string contentType, int blockSize = BlockUploadStream.DefaultBlockSize) : Stream
{
    public const int DefaultBlockSize = 4 * 1024 * 1024;
    private readonly List<string> _blocks = [];
    private MemoryStream _buffer = new();
    private MemoryStream _uploading = new();
    private Task _upload = Task.CompletedTask;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _buffer.WriteAsync(buffer, cancellationToken);
        if (_buffer.Length >= blockSize)
        {
            await StageAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);

    /// <summary>Stages what is left and commits the block list: from here on readers see the new file.</summary>
    public async Task CompleteAsync(IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        await StageAsync(cancellationToken);
        await _upload;
        await blob.CommitBlockListAsync(_blocks, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Metadata = metadata }, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        // A compile that failed part way may leave a block uploading from the buffer about to go.
        await _upload.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
            _uploading.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands the full buffer to the upload once the previous block is in, and goes on with the other buffer.</summary>
    private async Task StageAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length == 0 && _blocks.Count > 0)
        {
            return;
        }

        await _upload;
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blocks.Count.ToString("D6", CultureInfo.InvariantCulture)));
        _blocks.Add(id);
        (_uploading, _buffer) = (_buffer, _uploading);
        _buffer.SetLength(0);
        _uploading.Position = 0;
        _upload = blob.StageBlockAsync(id, _uploading, cancellationToken: cancellationToken);
    }
}
