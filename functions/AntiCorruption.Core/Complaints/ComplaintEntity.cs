using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// A complaint row. PartitionKey is <c>{fiscal year}-{shard}</c>: a fiscal-year compile reads only
/// that year's 32 partitions, and intake spreads over 32 partitions a year instead of one hot one
/// (Azure serves about 2,000 entities/s per partition). RowKey is the complaint id.
/// </summary>
public sealed class ComplaintEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TrackingHash { get; set; } = "";
    public string Status { get; set; } = "";
    public int FiscalYear { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string Channel { get; set; } = "";
    public string Category { get; set; } = "";
    public string Province { get; set; } = "";
    public int Region { get; set; }
    public string Agency { get; set; } = "";
    public string? IncidentDate { get; set; }
    public double? AmountThb { get; set; }
    public bool Anonymous { get; set; }
    public bool Consent { get; set; }
    public string AttachmentIds { get; set; } = "[]";
    public byte[] Details { get; set; } = [];
    public byte[]? Reporter { get; set; }
    public DateTimeOffset AcknowledgeBy { get; set; }
    public DateTimeOffset FeedbackDueBy { get; set; }

    /// <summary>Status history as JSON (<see cref="StatusChange"/>[]).</summary>
    public string History { get; set; } = "[]";

    public static string PartitionOf(string complaintId, DateTimeOffset receivedAt) =>
        $"{Time.FiscalYear.Of(receivedAt).BuddhistYear}-{complaintId[^1]}";

    /// <summary>The partition-key range that holds exactly one fiscal year.</summary>
    public static string FiscalYearFilter(FiscalYear year) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {year.BuddhistYear + "-"} and PartitionKey lt {year.BuddhistYear + "."}");
}

/// <summary>One step of a complaint's history; a public note is shown to the reporter.</summary>
public sealed record StatusChange(ComplaintStatus Status, DateTimeOffset At, string? Note = null, bool Public = false);
