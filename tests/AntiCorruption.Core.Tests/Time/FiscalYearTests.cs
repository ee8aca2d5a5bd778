using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Tests.Time;

public class FiscalYearTests
{
    [Theory]
    // 30 Sep 23:59:59 Bangkok is 16:59:59 UTC: still the old year; one second later, the new one.
    [InlineData("2019-09-30T16:59:59Z", 2562)]
    [InlineData("2019-09-30T17:00:00Z", 2563)]
    [InlineData("2020-09-30T16:59:59Z", 2563)]
    [InlineData("2020-09-30T17:00:00Z", 2564)]
    // DOMAIN.md's examples: 30 Sep 23:30 Bangkok (16:30 UTC) and 1 Oct 00:30 Bangkok (17:30 UTC).
    [InlineData("2026-09-30T16:30:00Z", 2569)]
    [InlineData("2026-09-30T17:30:00Z", 2570)]
    // The workshop of 2 July 2020 belongs to fiscal year 2563.
    [InlineData("2020-07-02T02:00:00Z", 2563)]
    [InlineData("2020-01-01T00:00:00Z", 2563)]
    [InlineData("2019-12-31T17:00:00Z", 2563)]
    [InlineData("2026-11-26T14:00:00+00:00", 2570)]
    [InlineData("2026-10-01T00:00:00+07:00", 2570)]
    [InlineData("2026-09-30T23:59:59.9999999+07:00", 2569)]
    public void Of_InstantNearBoundary_IsJudgedInBangkok(string instant, int expected)
    {
        Assert.Equal(expected, FiscalYear.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).BuddhistYear);
    }

    [Fact]
    public void StartAndEnd_Fy2563_AreFirstOctoberMidnightsInBangkok()
    {
        var year = new FiscalYear(2563);

        Assert.Equal(new DateTimeOffset(2019, 9, 30, 17, 0, 0, TimeSpan.Zero), year.Start);
        Assert.Equal(new DateTimeOffset(2020, 9, 30, 17, 0, 0, TimeSpan.Zero), year.End);
        Assert.Equal((new DateOnly(2019, 10, 1), new DateOnly(2020, 9, 30)), year.Period);
    }

    [Fact]
    public void Contains_EveryHourAcrossTwoYears_AgreesWithOf()
    {
        var year = new FiscalYear(2569);
        for (var t = new DateTimeOffset(2025, 9, 29, 0, 0, 0, TimeSpan.Zero); t < new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero); t = t.AddMinutes(30))
        {
            Assert.Equal(FiscalYear.Of(t) == year, year.Contains(t));
        }
    }

    [Fact]
    public void Contains_EndInstant_IsExcluded()
    {
        var year = new FiscalYear(2570);

        Assert.True(year.Contains(year.Start));
        Assert.False(year.Contains(year.End));
        Assert.True(year.Contains(year.End.AddTicks(-1)));
        Assert.Equal(new FiscalYear(2569), year.Previous);
    }
}

public class FiscalYearBoundaryTests
{
    [Fact]
    public void EveryYearFrom2500To2700_ChangesAtFirstOctoberBangkokMidnight()
    {
        for (var be = 2500; be <= 2700; be++)
        {
            var ce = be - 543;
            var lastSecond = new DateTimeOffset(ce - 1, 9, 30, 16, 59, 59, TimeSpan.Zero);
            var firstSecond = new DateTimeOffset(ce - 1, 9, 30, 17, 0, 0, TimeSpan.Zero);

            Assert.Equal(be - 1, FiscalYear.Of(lastSecond).BuddhistYear);
            Assert.Equal(be, FiscalYear.Of(firstSecond).BuddhistYear);
            Assert.Equal(firstSecond, new FiscalYear(be).Start);
            Assert.Equal(new FiscalYear(be + 1).Start, new FiscalYear(be).End);
        }
    }
}
