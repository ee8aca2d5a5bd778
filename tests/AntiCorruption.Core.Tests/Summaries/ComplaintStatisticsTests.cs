using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Exports;
using AntiCorruption.Core.Summaries;

namespace AntiCorruption.Core.Tests.Summaries;

/// <summary>Runs alone: the memory measurement must not see other tests' allocations.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement";
}

[Collection(MemoryMeasurement.Name)]
public class ComplaintStatisticsTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A compile after every complaint of <see cref="Complaint"/> is past its 7 days.</summary>
    private static readonly DateTimeOffset Later = Start.AddDays(400);

    private static ComplaintEntity Complaint(int i, double? closeAfterDays = null, double? acknowledgeAfterDays = null) => new()
    {
        Region = i % 10,
        Province = i % 2 == 0 ? "TH-80" : "TH-10",
        Category = i % 3 == 0 ? "bribery" : "procurement",
        Status = closeAfterDays is null ? "registered" : "closed",
        Channel = i % 4 == 0 ? "line" : "web",
        Anonymous = i % 5 == 0,
        ReceivedAt = Start.AddDays(i % 300),
        AcknowledgedAt = acknowledgeAfterDays is null ? null : Start.AddDays((i % 300) + acknowledgeAfterDays.Value),
        ClosedAt = closeAfterDays is null ? null : Start.AddDays((i % 300) + closeAfterDays.Value),
    };

    [Fact]
    public void Add_CountsEveryDimension()
    {
        var statistics = new ComplaintStatistics(Later);
        for (var i = 0; i < 20; i++)
        {
            statistics.Add(Complaint(i, acknowledgeAfterDays: i < 10 ? 3 : 9));
        }

        Assert.Equal(20, statistics.Total);
        Assert.Equal(2, statistics.ByRegion[3]);
        Assert.Equal(10, statistics.ByProvince["TH-80"]);
        Assert.Equal(7, statistics.ByCategory["bribery"]);
        Assert.Equal(5, statistics.ByChannel["line"]);
        Assert.Equal(0.2, statistics.Share(statistics.Anonymous));
        Assert.Equal(0.5, statistics.AcknowledgedWithin7DaysShare());
        Assert.Equal(20, statistics.ByMonth["2025-10"]);
    }

    [Fact]
    public void AcknowledgedWithin7Days_EveryComplaintMinutesOld_HasNoFigureRatherThanZero()
    {
        var now = Start;
        var statistics = new ComplaintStatistics(now);
        for (var i = 0; i < 30; i++)
        {
            statistics.Add(new ComplaintEntity { ReceivedAt = now.AddMinutes(-1 - i), Province = "TH-80", Category = "bribery", Status = "registered", Channel = "web" });
        }

        Assert.Equal(30, statistics.Total);
        Assert.Equal(0, statistics.AcknowledgedWithin7DaysBase);
        Assert.Null(statistics.AcknowledgedWithin7DaysShare());
    }

    [Fact]
    public void AcknowledgedWithin7Days_MixedSet_CountsOnlyAcknowledgedOrPastTheirSevenDays()
    {
        var now = Start.AddDays(60);
        var statistics = new ComplaintStatistics(now);
        void Add(int count, TimeSpan age, TimeSpan? acknowledgedAfter)
        {
            for (var i = 0; i < count; i++)
            {
                statistics.Add(new ComplaintEntity
                {
                    ReceivedAt = now - age,
                    AcknowledgedAt = now - age + acknowledgedAfter,
                    Province = "TH-80", Category = "bribery", Status = "registered", Channel = "web",
                });
            }
        }

        // Only the last two kinds are left out: not acknowledged and not yet past their 7 days.
        const int OnTime = 3, OnTimeStillInWindow = 1, OnTheLastSecond = 1, Late = 2, UnacknowledgedPastWindow = 4, PastBySecond = 1, NotYetDue = 5, DueThisInstant = 1;
        Add(OnTime, TimeSpan.FromDays(20), TimeSpan.FromDays(2));
        Add(OnTimeStillInWindow, TimeSpan.FromDays(2), TimeSpan.FromDays(1));
        Add(OnTheLastSecond, TimeSpan.FromDays(30), TimeSpan.FromDays(7));
        Add(Late, TimeSpan.FromDays(20), TimeSpan.FromDays(9));
        Add(UnacknowledgedPastWindow, TimeSpan.FromDays(8), null);
        Add(PastBySecond, TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1), null);
        Add(NotYetDue, TimeSpan.FromDays(6), null);
        Add(DueThisInstant, TimeSpan.FromDays(7), null);

        var acknowledgedInTime = OnTime + OnTimeStillInWindow + OnTheLastSecond;
        var counted = acknowledgedInTime + Late + UnacknowledgedPastWindow + PastBySecond;
        Assert.Equal(counted, statistics.AcknowledgedWithin7DaysBase);
        Assert.Equal(acknowledgedInTime, statistics.AcknowledgedWithin7Days);
        Assert.Equal(Math.Round((double)acknowledgedInTime / counted, 4), statistics.AcknowledgedWithin7DaysShare());
    }

    [Fact]
    public void ByMonth_IsTheBangkokMonth()
    {
        var statistics = new ComplaintStatistics(Later);
        statistics.Add(new ComplaintEntity { ReceivedAt = new DateTimeOffset(2025, 10, 31, 17, 30, 0, TimeSpan.Zero), Province = "TH-10", Category = "other", Status = "registered", Channel = "web" });

        Assert.Equal(["2025-11"], statistics.ByMonth.Keys);
    }

    [Fact]
    public void MedianDaysToClose_IsTheMiddleCaseToATenthOfADay()
    {
        var statistics = new ComplaintStatistics(Later);
        foreach (var (days, i) in new[] { 1.0, 2.5, 30.0, 4.25, 100.0 }.Select((d, i) => (d, i)))
        {
            statistics.Add(Complaint(i, closeAfterDays: days));
        }

        Assert.Equal(4.2, statistics.MedianDaysToClose());
        Assert.Null(new ComplaintStatistics(Later).MedianDaysToClose());
    }

    [Fact]
    public void Add_TwoHundredThousandComplaints_KeepsMemoryFlat()
    {
        var statistics = new ComplaintStatistics(Later);
        for (var i = 0; i < 1_000; i++)
        {
            statistics.Add(Complaint(i, closeAfterDays: i % 50));
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 200_000; i++)
        {
            statistics.Add(Complaint(i, closeAfterDays: i % 50));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(201_000, statistics.Total);
        // Keeping even one 8-byte value per complaint would add 1.6 MB.
        Assert.True(after - before < 512 * 1024, $"grew by {after - before} bytes");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+66 81", "'+66 81")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("＝1+1", "'＝1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("＋1", "'＋1")]
    [InlineData("－1", "'－1")]
    [InlineData("＠SUM(A1)", "'＠SUM(A1)")]
    [InlineData("อบต. ท่าศาลา", "อบต. ท่าศาลา")]
    [InlineData("", "")]
    public void SpreadsheetSafe_Cell_NeutralisesFormulaStarts(string input, string expected)
    {
        Assert.Equal(expected, SpreadsheetSafe.Cell(input));
    }

    [Fact]
    public void SpreadsheetSafe_CsvField_QuotesWhatNeedsIt()
    {
        Assert.Equal("\"a,b\"", SpreadsheetSafe.CsvField("a,b"));
        Assert.Equal("\"'=1,\"\"x\"\"\"", SpreadsheetSafe.CsvField("=1,\"x\""));
        Assert.Equal("\"line\nbreak\"", SpreadsheetSafe.CsvField("line\nbreak"));
    }
}

public class ScheduledYearsTests
{
    [Theory]
    [InlineData("2026-09-30T16:59:59Z", new[] { 2569 })]
    [InlineData("2026-09-30T17:00:00Z", new[] { 2570, 2569 })]
    [InlineData("2026-10-31T16:59:59Z", new[] { 2570, 2569 })]
    [InlineData("2026-10-31T17:00:00Z", new[] { 2570 })]
    [InlineData("2027-03-15T00:00:00Z", new[] { 2570 })]
    public void ScheduledYears_InOctober_AlsoCompileThePreviousYear(string now, int[] expected)
    {
        var years = SummaryArchive.ScheduledYears(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, years.Select(y => y.BuddhistYear));
    }
}
