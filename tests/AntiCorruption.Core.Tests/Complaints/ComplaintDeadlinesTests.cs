using AntiCorruption.Core.Complaints;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Complaints;

/// <summary>
/// Acknowledgement is due seven days after receipt; feedback three months after it on the Bangkok
/// calendar (DeadlineRule states that rule on its own). Every instant here is fixed.
/// </summary>
public class ComplaintDeadlinesTests
{
    [Fact]
    public void AcknowledgeBy_IsSevenDaysLater()
    {
        var received = new DateTimeOffset(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero), ComplaintDeadlines.AcknowledgeBy(received));
    }

    /// <summary>
    /// Each clamping month end with the instants either side of it, and of Bangkok midnight
    /// (17:00 UTC), where the Bangkok date is already a day ahead of the UTC one.
    /// </summary>
    [Theory]
    // 30 Nov in Bangkok gives 28 Feb; 1 Dec gives 1 Mar. The evening the issue saw: 29 Nov 22:15 UTC.
    [InlineData("2026-11-29T16:59:59Z", "2027-02-28T16:59:59Z")]
    [InlineData("2026-11-29T17:00:00Z", "2027-02-27T17:00:00Z")]
    [InlineData("2026-11-29T22:15:00Z", "2027-02-27T22:15:00Z")]
    [InlineData("2026-11-30T16:59:59Z", "2027-02-28T16:59:59Z")]
    [InlineData("2026-11-30T17:00:00Z", "2027-02-28T17:00:00Z")]
    // A leap year's February: 30 Nov 2027 in Bangkok gives 29 Feb 2028.
    [InlineData("2027-11-29T17:00:00Z", "2028-02-28T17:00:00Z")]
    // 31 Aug in Bangkok gives 30 Nov; 30 Aug 18:00 UTC is already 31 Aug there.
    [InlineData("2026-08-30T16:59:59Z", "2026-11-30T16:59:59Z")]
    [InlineData("2026-08-30T18:00:00Z", "2026-11-29T18:00:00Z")]
    [InlineData("2026-08-31T17:00:00Z", "2026-11-30T17:00:00Z")]
    // 31 Mar gives 30 Jun; 31 May gives 31 Aug (no clamp); 31 Dec gives 31 Mar.
    [InlineData("2027-03-30T17:00:00Z", "2027-06-29T17:00:00Z")]
    [InlineData("2027-03-31T17:00:00Z", "2027-06-30T17:00:00Z")]
    [InlineData("2027-05-30T17:00:00Z", "2027-08-30T17:00:00Z")]
    [InlineData("2026-12-30T17:00:00Z", "2027-03-30T17:00:00Z")]
    public void FeedbackDueBy_IsThreeMonthsOnTheBangkokCalendar(string received, string due)
    {
        var receivedAt = DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, DeadlineRule.ThreeMonthsOnTheBangkokCalendar(receivedAt));
        Assert.Equal(expected, ComplaintDeadlines.FeedbackDueBy(receivedAt));
        Assert.Equal(TimeSpan.Zero, ComplaintDeadlines.FeedbackDueBy(receivedAt).Offset);
    }
}
