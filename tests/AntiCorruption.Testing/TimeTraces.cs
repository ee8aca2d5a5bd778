using System.Globalization;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Testing;

/// <summary>
/// What a text tells of when something happened, finer than a day: times of day (09:17, 02:17:29,
/// the T02:17 of ISO 8601) and ULID-shaped ids, whose first ten symbols are a time to the
/// millisecond. Used on exports, events and log lines to show that a complaint's time does not leave.
/// </summary>
public static partial class TimeTraces
{
    /// <summary>Every hh:mm in the text; an offset such as +07:00 is not a time of day and is skipped.</summary>
    public static IReadOnlyList<string> ClockTimes(string text) =>
        [.. Clock().Matches(text).Select(m => m.Value.PadLeft(5, '0'))];

    /// <summary>
    /// Every ULID-shaped token (26 Crockford symbols, the first 0-7, standing alone) whose time falls
    /// in 2000-2100, where any id this app made would: a token there is an id that tells its time.
    /// </summary>
    public static IReadOnlyList<string> TimedIds(string text) =>
        [.. Ulid().Matches(text).Select(m => m.Value.ToUpperInvariant()).Where(id => ComplaintIds.TimeOf(id).Year is >= 2000 and <= 2100)];

    /// <summary>The hh:mm of an instant in UTC and in Bangkok: how a text would show its time of day.</summary>
    public static IEnumerable<string> ClockTimesOf(DateTimeOffset instant) =>
        [instant.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture), Bangkok.ToBangkok(instant).ToString("HH:mm", CultureInfo.InvariantCulture)];

    /// <summary>Other ways a text could hold an instant to the second: Unix seconds and milliseconds, and .NET ticks.</summary>
    public static IEnumerable<string> NumbersOf(DateTimeOffset instant) =>
        [
            instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            instant.UtcTicks.ToString(CultureInfo.InvariantCulture),
        ];

    [GeneratedRegex(@"(?<![0-9:+\-])[0-2]?[0-9]:[0-5][0-9](?![0-9])")]
    private static partial Regex Clock();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}(?![0-9A-Za-z])")]
    private static partial Regex Ulid();
}
