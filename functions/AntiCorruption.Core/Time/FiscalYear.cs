namespace AntiCorruption.Core.Time;

/// <summary>
/// The Thai government fiscal year (ปีงบประมาณ), numbered in the Buddhist Era: fiscal year N runs
/// from 1 October of CE year N-544 to 30 September of CE year N-543, in Bangkok time.
/// </summary>
public readonly record struct FiscalYear(int BuddhistYear)
{
    /// <summary>How far the Buddhist Era runs ahead of the Common Era: 2570 BE is 2027 CE.</summary>
    public const int BuddhistEraOffset = 543;

    /// <summary>The fiscal year an instant falls in, judged by the Bangkok calendar date.</summary>
    public static FiscalYear Of(DateTimeOffset instant)
    {
        var date = Bangkok.DateOf(instant);
        var ceYearItEndsIn = date.Month >= 10 ? date.Year + 1 : date.Year;
        return new FiscalYear(ceYearItEndsIn + BuddhistEraOffset);
    }

    /// <summary>First instant of the year: 1 October 00:00 Bangkok.</summary>
    public DateTimeOffset Start => Bangkok.StartOf(new DateOnly(BuddhistYear - BuddhistEraOffset - 1, 10, 1));

    /// <summary>First instant after the year: the next 1 October 00:00 Bangkok (exclusive end).</summary>
    public DateTimeOffset End => Bangkok.StartOf(new DateOnly(BuddhistYear - BuddhistEraOffset, 10, 1));

    /// <summary>First and last calendar day, as a summary's <c>period</c> shows them.</summary>
    public (DateOnly From, DateOnly To) Period =>
        (new DateOnly(BuddhistYear - BuddhistEraOffset - 1, 10, 1), new DateOnly(BuddhistYear - BuddhistEraOffset, 9, 30));

    /// <summary>The years the system accepts from a request and keeps: Buddhist Era 2500 to 2700.</summary>
    public const int Earliest = 2500;
    public const int Latest = 2700;

    public bool IsAccepted => BuddhistYear is >= Earliest and <= Latest;

    /// <summary>Reads a Buddhist Era year such as "2570" from a route or query; false for anything else.</summary>
    public static bool TryParse(string? text, out FiscalYear year)
    {
        year = default;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var be) || !new FiscalYear(be).IsAccepted)
        {
            return false;
        }

        year = new FiscalYear(be);
        return true;
    }

    /// <summary>
    /// The fiscal year of an instant when it is one the system accepts; false otherwise, so that
    /// no record is kept under a year that no route can ask for and no compile will take.
    /// </summary>
    public static bool TryOf(DateTimeOffset instant, out FiscalYear year)
    {
        // Bounds first: the Bangkok date of an instant near DateTimeOffset.MaxValue cannot be computed.
        year = default;
        if (instant < new FiscalYear(Earliest).Start || instant >= new FiscalYear(Latest).End)
        {
            return false;
        }

        year = Of(instant);
        return true;
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public FiscalYear Previous => new(BuddhistYear - 1);

    public override string ToString() => BuddhistYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
