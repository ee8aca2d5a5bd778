using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// What is known of an uploaded file: its type, size and hash (of the file as cleaned and kept),
/// the key its blob is sealed with, and the complaint that claimed it (empty until one does).
/// Nothing about who uploaded it.
/// </summary>
public sealed class AttachmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string ComplaintId { get; set; } = "";

    /// <summary>
    /// The file's own key, sealed under <c>Pii__Key</c> (see <see cref="AttachmentStore"/>). Null
    /// for a file stored before files were sealed: its blob holds the file as it was sent.
    /// </summary>
    public byte[]? SealedKey { get; set; }

    /// <summary>
    /// The blob that holds the file, when it is not the one named by the file's id: a file sealed
    /// after it was stored is written beside its first blob, never over it (see <see cref="EarlierEvidenceSteps"/>).
    /// </summary>
    public string? BlobName { get; set; }

    /// <summary>
    /// A sealed copy of a file stored before sealing, being written and not yet the row's file,
    /// and since when: named here before it is written, so no blob is ever left that no row names.
    /// </summary>
    public string? PendingBlob { get; set; }

    public DateTimeOffset? PendingSince { get; set; }

    /// <summary>The blob the row read before its file was sealed, named until it is deleted.</summary>
    public string? RetiredBlob { get; set; }

    /// <summary>The blob the file is read from.</summary>
    public string FileBlob() => BlobName ?? RowKey;

    /// <summary>A copy to write changes to, leaving the row as read (and its ETag) to compare with.</summary>
    public AttachmentEntity Copy() => (AttachmentEntity)MemberwiseClone();

    public static string PartitionOf(string attachmentId) => attachmentId[..2];
}

/// <summary>The answer to an upload (the 201 body).</summary>
public sealed record AttachmentInfo(string AttachmentId, long Size, string ContentType, string Sha256);

/// <summary>One evidence file of a case, as staff download it through the app.</summary>
public sealed record EvidenceFile(string AttachmentId, string ContentType, long Size, string Sha256, string FileName)
{
    /// <summary>The file's sealed key (null for a file stored before files were sealed).</summary>
    internal byte[]? SealedKey { get; init; }

    /// <summary>The blob the file is read from (<see cref="AttachmentEntity.FileBlob"/>).</summary>
    internal string BlobName { get; init; } = AttachmentId;
}
