using AntiCorruption.Core.Complaints;

namespace AntiCorruption.Core.Tests.Complaints;

public class StoringWindowTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 16, 59, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, true)]
    [InlineData(75, true)]
    [InlineData(119, true)]
    [InlineData(120, false)]
    [InlineData(60 * 24 * 30, false)]
    public void IsOpen_MinutesAfterIssue_OpenForTwoHours(int minutes, bool open)
    {
        Assert.Equal(open, StoringWindow.IsOpen(IssuedAt, IssuedAt.AddMinutes(minutes)));
    }

    [Fact]
    public void IsOpen_ClockOfAnotherInstanceSlightlyBehind_IsOpen()
    {
        Assert.True(StoringWindow.IsOpen(IssuedAt, IssuedAt.AddSeconds(-2)));
    }
}
