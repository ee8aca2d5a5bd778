using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The response times whistleblowing practice promises (EU Directive 2019/1937, ISO 37002):
/// acknowledge within 7 days, give feedback within 3 months.
/// </summary>
public static class ComplaintDeadlines
{
    public static DateTimeOffset AcknowledgeBy(DateTimeOffset receivedAt) => receivedAt.AddDays(7).ToUniversalTime();

    /// <summary>
    /// Three calendar months on the Bangkok calendar, so that a complaint sent at 03:00 on
    /// 1 December in Bangkok is due on 1 March, not on the last day of February as UTC would say.
    /// </summary>
    public static DateTimeOffset FeedbackDueBy(DateTimeOffset receivedAt) =>
        Bangkok.ToBangkok(receivedAt).AddMonths(3).ToUniversalTime();
}
