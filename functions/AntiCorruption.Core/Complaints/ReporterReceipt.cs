using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The 202 answer to a reporter: the tracking code and the case's dates, as Bangkok calendar
/// dates. The reporter needs the day (the promises are counted in days and months); a time to the
/// second would sit on their screen, in a saved page or a screenshot, as the one thing that ties
/// them to a proxy log at their office. The exact instants stay in <see cref="ComplaintReceipt"/>,
/// which intake keeps for retries and the staff answers show.
/// </summary>
public sealed record ReporterReceipt(
    string TrackingCode,
    ComplaintStatus Status,
    DateOnly ReceivedAt,
    int Region,
    DateOnly AcknowledgeBy,
    DateOnly FeedbackDueBy)
{
    public static ReporterReceipt Of(ComplaintReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new(receipt.TrackingCode, receipt.Status, Bangkok.DateOf(receipt.ReceivedAt), receipt.Region, Bangkok.DateOf(receipt.AcknowledgeBy), Bangkok.DateOf(receipt.FeedbackDueBy));
    }
}
