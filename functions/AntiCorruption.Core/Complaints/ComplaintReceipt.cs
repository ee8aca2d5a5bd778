namespace AntiCorruption.Core.Complaints;

/// <summary>The answer to a reporter at intake (the 202 body).</summary>
public sealed record ComplaintReceipt(
    string TrackingCode,
    ComplaintStatus Status,
    DateTimeOffset ReceivedAt,
    int Region,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset FeedbackDueBy);
