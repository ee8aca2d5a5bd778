using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// A complaint row. PartitionKey is <c>{fiscal year}-{shard}</c>: a fiscal-year compile reads only
/// that year's 32 partitions, and intake spreads over 32 partitions a year instead of one hot one
/// (Azure serves about 2,000 entities/s per partition). RowKey is the complaint id with every
/// symbol complemented, so that within a partition the newest complaint comes first.
/// </summary>
public sealed class ComplaintEntity : ITableEntity
{
    public const int Shards = 32;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ComplaintId { get; set; } = "";
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

    /// <summary>
    /// The reporter's LINE user id, sealed (<see cref="ComplaintMessage.NotifyLineContext"/>), while
    /// they want a LINE message when there is news on the case (asked at the end of a LINE tip, only
    /// ever with a yes). It goes when they say "หยุดแจ้งเตือน", when they withdraw their identity, and
    /// with the reporter's identity under the retention schedule. Null otherwise.
    /// </summary>
    public byte[]? NotifyLine { get; set; }

    /// <summary>
    /// News by email for an identified reporter who asked for it (<see cref="ReporterEmailNotices"/>):
    /// <c>awaiting</c> once the mail with the confirmation code went, <c>on</c> once they
    /// confirmed, <c>off</c> once they stopped it. Null when they did not ask, and once their
    /// identity is erased. News goes only while it is <c>on</c>.
    /// </summary>
    public string? EmailNotices { get; set; }
    public DateTimeOffset AcknowledgeBy { get; set; }
    public DateTimeOffset FeedbackDueBy { get; set; }

    /// <summary>Staff have taken the case up (status past registered, or a message to the reporter).</summary>
    public bool Acknowledged { get; set; }

    /// <summary>The reporter has had feedback (a public note, a message, or a final status).</summary>
    public bool FeedbackGiven { get; set; }

    /// <summary>When staff first took the case up; plain, for the summaries' "acknowledged within 7 days".</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>When the case reached a final status (referred, closed, dismissed); cleared if reopened.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the reporter first had feedback (a public note, a message, a final status); plain, for the public "feedback within 3 months".</summary>
    public DateTimeOffset? FeedbackAt { get; set; }

    /// <summary>Set by the daily deadline check, so offices can filter on what is late.</summary>
    public bool AcknowledgeOverdue { get; set; }

    public bool FeedbackOverdue { get; set; }

    /// <summary>
    /// The staff id of the officer handling the case, or null. Complaints stored before
    /// assignment existed have no such property at all, and an unassigned case is written without
    /// it too (the SDK leaves a null out of the row): so "unassigned" cannot be a table filter,
    /// and <see cref="ComplaintListFilter"/> matches it after the query.
    /// </summary>
    public string? Assignee { get; set; }

    /// <summary>
    /// When the reporter, who had given their name, turned the case anonymous
    /// (<see cref="ReporterIdentityWithdrawal"/>): their sealed identity was erased then. Null otherwise.
    /// </summary>
    public DateTimeOffset? IdentityWithdrawnAt { get; set; }

    /// <summary>
    /// A legal hold placed by staff (<see cref="Staff.LegalHolds"/>): while it stands the case's
    /// records are kept as they are, and the reporter cannot erase their identity.
    /// </summary>
    public bool LegalHold { get; set; }

    /// <summary>When the current hold was placed; null without one.</summary>
    public DateTimeOffset? LegalHoldSince { get; set; }

    /// <summary>The staff id of who placed the current hold; null without one.</summary>
    public string? LegalHoldBy { get; set; }

    /// <summary>
    /// When the reporter's identity was erased (<see cref="Reporter"/> is null since; the case was
    /// not anonymous), and by what (<see cref="Retention.Erasures.ByRetention"/>): staff see that an
    /// identity existed and is gone, not a reporter who never gave one.
    /// </summary>
    public DateTimeOffset? ReporterErasedAt { get; set; }

    public string? ReporterErasedBy { get; set; }

    /// <summary>When the retention schedule deleted the case's evidence files (<see cref="AttachmentIds"/> still counts them).</summary>
    public DateTimeOffset? EvidenceErasedAt { get; set; }

    /// <summary>When the retention schedule deleted the case's conversation with the reporter.</summary>
    public DateTimeOffset? MessagesErasedAt { get; set; }

    /// <summary>Status history (<see cref="StatusChange"/>[]), sealed: internal notes may name people.</summary>
    public byte[] History { get; set; } = [];

    /// <summary>How many files <see cref="AttachmentIds"/> names, without parsing it: the ids are ours and never hold a quote.</summary>
    public int AttachmentCount => AttachmentIds.AsSpan().Count('"') / 2;

    public static string PartitionOf(string complaintId, DateTimeOffset receivedAt) =>
        $"{Time.FiscalYear.Of(receivedAt).BuddhistYear}-{complaintId[^1]}";

    /// <summary>The partition of a complaint id alone: a ULID carries its own time.</summary>
    public static string PartitionOf(string complaintId) => PartitionOf(complaintId, ComplaintIds.TimeOf(complaintId));

    public static IEnumerable<string> PartitionsOf(FiscalYear year) => Crockford.Alphabet.Select(shard => $"{year.BuddhistYear}-{shard}");

    public static string RowKeyOf(string complaintId) =>
        string.Concat(complaintId.Select(c => Crockford.Alphabet[Crockford.Alphabet.Length - 1 - Crockford.ValueOf(c)]));

    /// <summary>The partition-key range that holds exactly one fiscal year.</summary>
    public static string FiscalYearFilter(FiscalYear year) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {year.BuddhistYear + "-"} and PartitionKey lt {year.BuddhistYear + "."}");

    public static string HistoryContext(string complaintId) => $"complaint/{complaintId}/history";

    public bool IsFinal => Status is "closed" or "dismissed" or "referred";
}

/// <summary>
/// One step of a complaint's history; a public note is shown to the reporter. A step with
/// <see cref="Changes"/> is a reclassification or transfer, not a move of status: it keeps the
/// case's status, its note is the officer's reason, and it is for staff only. Rows written before
/// reclassification existed have no <c>changes</c> and read as status steps, as they were.
/// </summary>
public sealed record StatusChange(ComplaintStatus Status, DateTimeOffset At, string? Note = null, bool Public = false, string? By = null, IReadOnlyList<FieldChange>? Changes = null)
{
    /// <summary>A move of status (what the reporter may see), rather than a reclassification.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsStatusStep => Changes is null;
}

/// <summary>One field a reclassification changed, from what to what (region moves with the province).</summary>
public sealed record FieldChange(string Field, string? From, string? To);
