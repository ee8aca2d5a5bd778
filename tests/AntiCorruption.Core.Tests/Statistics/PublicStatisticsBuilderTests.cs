using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Tests.Statistics;

/// <summary>Fiscal year 2569 (Oct 2025 - Sep 2026), compiled at fixed times.</summary>
public class PublicStatisticsBuilderTests
{
    private static readonly FiscalYear Year = new(2569);

    /// <summary>09:00 Bangkok on 17 March 2026: October to February are whole months.</summary>
    private static readonly DateTimeOffset MidMarch = new(2026, 3, 17, 2, 0, 0, TimeSpan.Zero);

    private static ComplaintEntity Complaint(DateTimeOffset receivedAt, string province = "TH-80", string category = "bribery", string status = "closed") => new()
    {
        ReceivedAt = receivedAt,
        Province = province,
        Region = GeneratedYear.Catalog.FindProvince(province)?.PaccRegion ?? 8,
        Category = category,
        Status = status,
    };

    private static PublicStatisticsBuilder Builder(DateTimeOffset now) => new(Year, now, GeneratedYear.Catalog);

    [Fact]
    public void Build_MidYear_CountsWholeMonthsOnlyAndSaysUntilWhen()
    {
        var builder = Builder(MidMarch);
        // 28 February 23:59 Bangkok counts; 1 March 00:00 Bangkok does not.
        builder.Add(Complaint(new DateTimeOffset(2026, 2, 28, 16, 59, 0, TimeSpan.Zero)));
        builder.Add(Complaint(new DateTimeOffset(2026, 2, 28, 17, 0, 0, TimeSpan.Zero)));
        builder.Add(Complaint(new DateTimeOffset(2025, 9, 30, 16, 59, 0, TimeSpan.Zero)));

        var statistics = builder.Build([])!;

        Assert.Equal(1, builder.Counted);
        Assert.Equal(new DateOnly(2026, 2, 28), statistics.DataUntil);
        Assert.Equal(new DateOnly(2026, 3, 17), statistics.PublishedOn);
        Assert.Equal(new[] { "2025-10", "2025-11", "2025-12", "2026-01", "2026-02" }, statistics.Complaints.ByMonth.Select(m => m.Month));
    }

    [Fact]
    public void Build_InTheYearsFirstMonth_HasNothingToPublish()
    {
        var builder = Builder(new DateTimeOffset(2025, 10, 20, 3, 0, 0, TimeSpan.Zero));
        builder.Add(Complaint(new DateTimeOffset(2025, 10, 2, 3, 0, 0, TimeSpan.Zero)));

        Assert.False(builder.HasCompleteMonth);
        Assert.Null(builder.Build([]));
    }

    [Fact]
    public void Build_AfterTheYear_CountsEveryMonthAndEveryRowAddsUp()
    {
        var year = new GeneratedYear(7, 2569, new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), 400);
        var c = year.Statistics.Complaints;

        Assert.Equal(12, c.ByMonth.Count);
        Assert.Equal(new DateOnly(2026, 9, 30), year.Statistics.DataUntil);
        Assert.Equal(77, c.ByProvince.Count(p => p.Province != PublicStatisticsBuilder.Unknown));
        Assert.Equal(10, c.ByRegion.Count);
        Assert.Equal(6, c.ByStatus.Count(s => s.Id != PublicStatisticsBuilder.Unknown));
        Assert.Equal(year.TrueValue("2569 complaints"), c.Total.Count);
    }

    [Fact]
    public void Build_UnknownCategoryOrProvince_HasARowOfItsOwnSoTheTablesStillAddUp()
    {
        var builder = Builder(MidMarch);
        var at = new DateTimeOffset(2025, 11, 3, 3, 0, 0, TimeSpan.Zero);
        builder.Add(Complaint(at, category: "retired"));
        builder.Add(new ComplaintEntity { ReceivedAt = at, Province = "TH-99", Region = 4, Category = "bribery", Status = "closed" });

        var statistics = builder.Build([])!;

        Assert.Contains(statistics.Complaints.ByCategory, r => r.Id == PublicStatisticsBuilder.Unknown);
        var unknown = Assert.Single(statistics.Complaints.ByProvince, p => p.Province == PublicStatisticsBuilder.Unknown);
        Assert.Equal(4, unknown.Region);
    }

    [Fact]
    public void Build_ResponseTimes_ShareRoundedDownAndMedianInWholeDays_OnlyOverTenCases()
    {
        var builder = Builder(MidMarch);
        var received = new DateTimeOffset(2025, 10, 6, 3, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            var complaint = Complaint(received.AddDays(i));
            // 11 acknowledged after 1.5 to 6.5 days, one after 9.5: 11 of 12 in time.
            complaint.AcknowledgedAt = complaint.ReceivedAt.AddDays(i == 11 ? 9.5 : 1.5 + (i / 2));
            complaint.FeedbackAt = i < 9 ? complaint.ReceivedAt.AddDays(20) : null;
            builder.Add(complaint);
        }

        var statistics = builder.Build([])!;

        Assert.Equal(91, statistics.Acknowledgement.WithinDeadlinePercent);
        Assert.Equal(3, statistics.Acknowledgement.MedianDays);
        Assert.Equal(7, statistics.Acknowledgement.DeadlineDays);
        // Nine had feedback in time, three none by their due dates in January: 75%; the median is over nine, under ten.
        Assert.Equal(75, statistics.Feedback.WithinDeadlinePercent);
        Assert.Null(statistics.Feedback.MedianDays);
        Assert.Equal(3, statistics.Feedback.DeadlineMonths);
    }

    [Fact]
    public void Build_Workshops_CountsThoseHeldBeforeTheCutAndShowsZeroWhereNoneWasHeld()
    {
        var builder = Builder(MidMarch);
        var held = new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);
        WorkshopRegistrationSummary Workshop(string id, string province, DateTimeOffset at, int seated, int came) => new(id, "อบรม", province, at, 60, seated, 0, 0, came, 0);

        var statistics = builder.Build(
        [
            Workshop("a", "TH-80", held, 40, 30),
            Workshop("b", "TH-81", held, 20, 12),
            Workshop("c", "TH-50", held, 3, 2),
            Workshop("later", "TH-10", new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero), 50, 0),
        ])!;

        var w = statistics.Workshops;
        Assert.Equal(3, w.Held);
        Assert.Equal(63, w.Registered.Count);
        Assert.Equal(44, w.Attended.Count);
        Assert.Equal(69, w.AttendancePercent);
        Assert.Equal(2, w.ByRegion.Single(r => r.Region == 8).Held);
        Assert.Equal(0, w.ByRegion.Single(r => r.Region == 0).Attended.Count);
        Assert.Equal(Suppression.Small, w.ByRegion.Single(r => r.Region == 5).Attended.Suppressed);
        Assert.Null(w.ByRegion.Single(r => r.Region == 8).Attended.Count);
    }
}
