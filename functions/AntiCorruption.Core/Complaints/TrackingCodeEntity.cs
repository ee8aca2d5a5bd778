using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Finds a complaint from the keyed hash of its tracking code. PartitionKey is the hash's first
/// two hex digits (256 partitions), RowKey the whole hash. Intake writes it beside the queue
/// message, so that the code is known to have been given out before its complaint is stored; the
/// processor writes the same row if it is missing.
/// </summary>
public sealed class TrackingCodeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ComplaintPartition { get; set; } = "";
    public string ComplaintId { get; set; } = "";

    /// <summary>
    /// When intake gave the code out (the complaint's receipt time), for
    /// <see cref="StoringWindow"/>. Null on rows written before intake wrote them: the processor
    /// wrote those with their complaint, so they never wait for one.
    /// </summary>
    public DateTimeOffset? IssuedAt { get; set; }

    public static string PartitionOf(string hash) => hash[..2];

    public static TrackingCodeEntity For(string trackingHash, string complaintId, DateTimeOffset issuedAt) => new()
    {
        PartitionKey = PartitionOf(trackingHash),
        RowKey = trackingHash,
        ComplaintPartition = ComplaintEntity.PartitionOf(complaintId),
        ComplaintId = complaintId,
        IssuedAt = issuedAt,
    };
}
