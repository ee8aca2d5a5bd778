namespace AntiCorruption.Core.Attachments;

/// <summary>
/// An evidence file being read from storage, to hand to staff: its length as opened, and its
/// bytes as opened, written chunk by chunk (the whole file is never held in memory). A file stored
/// before files were sealed is passed on as it is.
/// </summary>
public sealed class OpenedEvidence : IAsyncDisposable
{
    private readonly Stream _stored;
    private readonly long _storedLength;
    private readonly byte[]? _key;
    private readonly string _attachmentId;

    internal OpenedEvidence(Stream stored, long storedLength, byte[]? key, string attachmentId)
    {
        _stored = stored;
        _storedLength = storedLength;
        _key = key;
        _attachmentId = attachmentId;
        Length = key is null ? storedLength : EvidenceSeal.OpenedLength(storedLength);
    }

    /// <summary>The number of bytes <see cref="CopyToAsync"/> writes.</summary>
    public long Length { get; }

    /// <summary>Writes the file; a sealed one that was tampered with throws at the first changed chunk.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
        _key is null
            ? _stored.CopyToAsync(destination, cancellationToken)
            : EvidenceSeal.OpenAsync(_stored, _storedLength, destination, _key, _attachmentId, cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (_key is not null)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_key);
        }

        return _stored.DisposeAsync();
    }
}
