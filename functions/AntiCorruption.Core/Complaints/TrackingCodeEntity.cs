using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Finds a complaint from the keyed hash of its tracking code. PartitionKey is the hash's first
/// two hex digits (256 partitions), RowKey the whole hash.
/// </summary>
public sealed class TrackingCodeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ComplaintPartition { get; set; } = "";
    public string ComplaintId { get; set; } = "";

    public static string PartitionOf(string hash) => hash[..2];
}
