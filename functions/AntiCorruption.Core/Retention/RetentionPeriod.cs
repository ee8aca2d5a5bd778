using System.Globalization;
using System.Text.RegularExpressions;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// A period of the retention schedule as people write it: <c>"90 days"</c>, <c>"2 years"</c>,
/// <c>"1 hour"</c>. Months and years are calendar ones (two years before 29 February is 28
/// February), so "2 years after closing" means what an officer reading the schedule expects.
/// </summary>
public sealed partial record RetentionPeriod(int Count, RetentionUnit Unit)
{
    /// <summary>The moment this period before <paramref name="instant"/>: what ended before it has served its time.</summary>
    public DateTimeOffset Before(DateTimeOffset instant) => Unit switch
    {
        RetentionUnit.Hours => instant.AddHours(-Count),
        RetentionUnit.Days => instant.AddDays(-Count),
        RetentionUnit.Months => instant.AddMonths(-Count),
        _ => instant.AddYears(-Count),
    };

    /// <summary>The period's length counted from <paramref name="from"/>, to compare with limits in days or hours.</summary>
    public TimeSpan LengthFrom(DateTimeOffset from) => from - Before(from);

    /// <summary>The shortest the period can be, whatever it starts from (a month of 28 days, a year of 365).</summary>
    public TimeSpan Shortest => Unit switch
    {
        RetentionUnit.Hours => TimeSpan.FromHours(Count),
        RetentionUnit.Days => TimeSpan.FromDays(Count),
        RetentionUnit.Months => TimeSpan.FromDays(28 * Count),
        _ => TimeSpan.FromDays(365 * Count),
    };

    /// <summary>The longest the period can be (a month of 31 days, a year of 366).</summary>
    public TimeSpan Longest => Unit switch
    {
        RetentionUnit.Hours => TimeSpan.FromHours(Count),
        RetentionUnit.Days => TimeSpan.FromDays(Count),
        RetentionUnit.Months => TimeSpan.FromDays(31 * Count),
        _ => TimeSpan.FromDays(366 * Count),
    };

    public static bool TryParse(string? text, out RetentionPeriod period)
    {
        period = null!;
        var match = text is null ? Match.Empty : Shape().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return false;
        }

        var plural = match.Groups[3].Success;
        if (plural == (count == 1))
        {
            return false; // "1 days" and "2 day" are typos worth refusing: the file is read by people
        }

        period = new RetentionPeriod(count, match.Groups[2].Value switch
        {
            "hour" => RetentionUnit.Hours,
            "day" => RetentionUnit.Days,
            "month" => RetentionUnit.Months,
            _ => RetentionUnit.Years,
        });
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} {Unit.ToString().ToLowerInvariant()[..^1]}{(Count == 1 ? "" : "s")}");

    [GeneratedRegex("^([0-9]{1,5}) (hour|day|month|year)(s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

public enum RetentionUnit
{
    Hours,
    Days,
    Months,
    Years,
}
