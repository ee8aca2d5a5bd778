namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The reporter's view of a case (the <c>POST /api/complaints/status</c> body). While a complaint
/// is still on the queue only its status is known: the dates and region are null until it is
/// stored. Every time in it is a Bangkok calendar date: the reporter is outside staff, and what
/// they are shown can be seen over their shoulder or in their browser (see <see cref="ReporterReceipt"/>).
/// <see cref="Messages"/> are the newest <see cref="ConversationStore.Shown"/>; <see cref="EarlierMessagesOmitted"/> says older ones exist.
/// <see cref="EmailNotifications"/> is where news by email stands for a reporter who asked for it
/// (<see cref="ReporterEmailNotices"/>: awaiting, on, off), null for everyone else.
/// </summary>
public sealed record ComplaintStatusView(
    ComplaintStatus Status,
    DateOnly? ReceivedAt,
    DateOnly? UpdatedAt,
    int? Region,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<ReporterMessage> Messages,
    bool EarlierMessagesOmitted = false,
    string? EmailNotifications = null);

public sealed record HistoryEntry(ComplaintStatus Status, DateOnly? At, string? Note);

/// <summary>One message between staff and the reporter as staff see it, to the moment; <see cref="From"/> is <c>staff</c> or <c>reporter</c>.</summary>
public sealed record ConversationMessage(string From, DateTimeOffset At, string Text);

/// <summary>One message as the reporter sees it: the Bangkok date it was written on.</summary>
public sealed record ReporterMessage(string From, DateOnly At, string Text)
{
    public static ReporterMessage Of(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.From, Time.Bangkok.DateOf(message.At), message.Text);
    }
}
