using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// A write stream that stages blocks of up to 4 MB and commits them only when completed, so the
/// previous version of the blob stays whole and readable until the new one replaces it at once.
/// (OpenWrite with overwrite empties the blob first, which a reader downloading meanwhile would see.)
/// </summary>
internal sealed class BlockUploadStream(BlockBlobClient blob, string contentType) : Stream
{
    private const int BlockSize = 4 * 1024 * 1024;
    private readonly MemoryStream _buffer = new();
    private readonly List<string> _blocks = [];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _buffer.WriteAsync(buffer, cancellationToken);
        if (_buffer.Length >= BlockSize)
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
        await blob.CommitBlockListAsync(_blocks, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Metadata = metadata }, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length == 0 && _blocks.Count > 0)
        {
            return;
        }

        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blocks.Count.ToString("D6", CultureInfo.InvariantCulture)));
        _buffer.Position = 0;
        await blob.StageBlockAsync(id, _buffer, cancellationToken: cancellationToken);
        _blocks.Add(id);
        _buffer.SetLength(0);
    }
}
