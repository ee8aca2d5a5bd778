namespace AntiCorruption.Testing;

/// <summary>
/// The feedback deadline stated as the rule itself, without the app's code: Thailand keeps UTC+7
/// all year, so the Bangkok wall clock is UTC plus seven hours; on that calendar the date moves
/// three months on, a day the month does not have becomes its last day, and the time of day stays.
/// </summary>
public static class DeadlineRule
{
    private static readonly TimeSpan BangkokOffset = TimeSpan.FromHours(7);

    public static DateTimeOffset ThreeMonthsOnTheBangkokCalendar(DateTimeOffset receivedAt)
    {
        var wall = receivedAt.UtcDateTime + BangkokOffset;
        var month = wall.Month + 3;
        var year = wall.Year + (month - 1) / 12;
        month = (month - 1) % 12 + 1;
        var day = Math.Min(wall.Day, DateTime.DaysInMonth(year, month));
        var due = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified) + wall.TimeOfDay;
        return new DateTimeOffset(due - BangkokOffset, TimeSpan.Zero);
    }
}
