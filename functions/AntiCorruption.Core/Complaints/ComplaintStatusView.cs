namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The reporter's view of a case (the <c>POST /api/complaints/status</c> body). While a complaint
/// is still on the queue only its status is known: the times and region are null until it is stored.
/// </summary>
public sealed record ComplaintStatusView(
    ComplaintStatus Status,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? UpdatedAt,
    int? Region,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<ConversationMessage> Messages);

public sealed record HistoryEntry(ComplaintStatus Status, DateTimeOffset? At, string? Note);

/// <summary>One message between staff and the reporter; <see cref="From"/> is <c>staff</c> or <c>reporter</c>.</summary>
public sealed record ConversationMessage(string From, DateTimeOffset At, string Text);
