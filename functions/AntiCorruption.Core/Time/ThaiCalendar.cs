using System.Globalization;

namespace AntiCorruption.Core.Time;

/// <summary>Thai (th-TH) with the Buddhist calendar: how dates are shown to Thai users (พ.ศ.).</summary>
public static class ThaiCalendar
{
    public static CultureInfo Culture { get; } = Create();

    /// <summary>An instant as a Bangkok date and time in the Buddhist calendar, e.g. "2 ก.ค. 2563 09:00".</summary>
    public static string Format(DateTimeOffset instant, string format = "d MMM yyyy HH:mm") =>
        Bangkok.ToBangkok(instant).DateTime.ToString(format, Culture);

    /// <summary>A date in the Buddhist calendar, e.g. "2 ก.ค. 2563".</summary>
    public static string Format(DateOnly date, string format = "d MMM yyyy") =>
        date.ToDateTime(TimeOnly.MinValue).ToString(format, Culture);

    private static CultureInfo Create()
    {
        var culture = new CultureInfo("th-TH");
        culture.DateTimeFormat.Calendar = new ThaiBuddhistCalendar();
        return CultureInfo.ReadOnly(culture);
    }
}
