namespace AntiCorruption.Core.Time;

/// <summary>Asia/Bangkok, the time zone every date rule of the programme is stated in.</summary>
public static class Bangkok
{
    /// <summary>
    /// Thailand has kept UTC+7 without daylight saving since 1920; the fixed zone is the fallback
    /// where the host has no tz database.
    /// </summary>
    public static TimeZoneInfo Zone { get; } = Find();

    public static DateTimeOffset ToBangkok(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar date in Bangkok at that instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToBangkok(instant).DateTime);

    /// <summary>Midnight at the start of a Bangkok calendar date, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new(date.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Asia/Bangkok", "ICT");
        }
    }
}
