namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Takes out of an evidence file what could name or place the person who sent it (see
/// <see cref="ImageCleaner"/> and <see cref="PdfCleaner"/>). A file that cannot be cleaned is
/// refused: it is never kept as it was sent.
/// </summary>
public sealed class EvidenceCleaner : IDisposable
{
    /// <summary>
    /// The largest picture decoded: 110 megapixels covers the 108 MP phone cameras. Decoding takes
    /// about 4 bytes a pixel, so this bounds one cleaning at about 450 MB, whatever a 10 MB file
    /// claims to hold.
    /// </summary>
    public const ulong MaxPixels = 110_000_000;

    /// <summary>How many files one instance cleans at once; more wait their turn, so memory stays bounded.</summary>
    public const int Concurrency = 2;

    private readonly SemaphoreSlim _gate = new(Concurrency, Concurrency);

    /// <summary>The cleaned file; throws <see cref="UncleanableFileException"/> when it cannot be cleaned.</summary>
    public async Task<CleanedFile> CleanAsync(byte[] content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Clean(content, contentType);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    internal static CleanedFile Clean(byte[] content, string contentType)
    {
        try
        {
            return contentType == "application/pdf" ? PdfCleaner.Clean(content) : ImageCleaner.Clean(content, contentType);
        }
        catch (Exception ex) when (ex is not UncleanableFileException and not OutOfMemoryException and not ArgumentOutOfRangeException)
        {
            // The libraries throw many kinds for a damaged or crafted file; each means the same here.
            throw new UncleanableFileException(CleaningRefusal.Unreadable, ex);
        }
    }
}
