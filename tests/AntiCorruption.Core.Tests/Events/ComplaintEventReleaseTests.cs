using AntiCorruption.Core.Events;

namespace AntiCorruption.Core.Tests.Events;

public class ComplaintEventReleaseTests
{
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    [Theory]
    [InlineData(2026, 11, 30, 0, 0, 1)]
    [InlineData(2026, 11, 30, 9, 17, 29)]
    [InlineData(2026, 11, 30, 23, 59, 59)]
    public void Delay_AnyMomentOfADay_EndsInTheFirstHourOfTheNextBangkokDay(int year, int month, int day, int hour, int minute, int second)
    {
        var now = new DateTimeOffset(year, month, day, hour, minute, second, Bangkok).ToUniversalTime();
        var midnight = new DateTimeOffset(2026, 12, 1, 0, 0, 0, Bangkok);

        Assert.Equal(midnight, now + ComplaintEventRelease.Delay(now, 0));
        Assert.Equal(midnight.AddMinutes(30), now + ComplaintEventRelease.Delay(now, 0.5));
        Assert.Equal(midnight.AddHours(1), now + ComplaintEventRelease.Delay(now, 1));
        var drawn = Enumerable.Range(0, 200).Select(_ => now + ComplaintEventRelease.Delay(now)).ToArray();
        Assert.All(drawn, at => Assert.InRange(at, midnight, midnight.AddHours(1)));
        // Spread over the hour, so that the order in which a day's events leave is not the order they happened in.
        Assert.True(drawn.Distinct().Count() > 150);
    }

    [Fact]
    public void DayOf_AnInstant_IsMidnightInBangkokOfItsBangkokDate()
    {
        // 30 November 17:30 UTC is already 1 December in Bangkok.
        var day = ComplaintEventRelease.DayOf(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Bangkok), day);
        Assert.Equal(Bangkok, day.Offset);
    }
}
