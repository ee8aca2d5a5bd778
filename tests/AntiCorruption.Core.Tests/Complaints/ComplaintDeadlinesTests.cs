using AntiCorruption.Core.Complaints;

namespace AntiCorruption.Core.Tests.Complaints;

public class ComplaintDeadlinesTests
{
    [Fact]
    public void AcknowledgeBy_IsSevenDaysLater()
    {
        var received = new DateTimeOffset(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero), ComplaintDeadlines.AcknowledgeBy(received));
    }

    [Fact]
    public void FeedbackDueBy_IsThreeCalendarMonthsLater()
    {
        var received = new DateTimeOffset(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 2, 26, 14, 0, 0, TimeSpan.Zero), ComplaintDeadlines.FeedbackDueBy(received));
    }

    [Fact]
    public void FeedbackDueBy_MonthEndInBangkok_ClampsOnTheBangkokCalendar()
    {
        // 30 Aug 18:00 UTC is already 31 Aug in Bangkok; three months on is 30 Nov in Bangkok
        // (November has no 31st), i.e. 29 Nov 18:00 UTC. UTC arithmetic would say 30 Nov.
        var received = new DateTimeOffset(2026, 8, 30, 18, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero), ComplaintDeadlines.FeedbackDueBy(received));
        Assert.Equal(TimeSpan.Zero, ComplaintDeadlines.FeedbackDueBy(received).Offset);
    }
}
