using System.Globalization;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// Whose figures a set of summary files holds: the whole country (<c>national</c>, under
/// <c>fy{N}/</c>, for head office) or one region (<c>region-{n}</c>, under
/// <c>fy{N}/regions/{n}/</c>, for that region's officers), each with the same five files.
/// </summary>
public sealed record SummaryScope
{
    private SummaryScope(int? region) => Region = region;

    public static SummaryScope National { get; } = new((int?)null);

    /// <summary>The region, or null for the national files.</summary>
    public int? Region { get; }

    public string Name => Region is { } r ? string.Create(CultureInfo.InvariantCulture, $"region-{r}") : "national";

    public static SummaryScope OfRegion(int region) =>
        region is >= StaffScope.FirstRegion and <= StaffScope.LastRegion ? new(region) : throw new ArgumentOutOfRangeException(nameof(region));

    /// <summary>A region from a route segment ("8"); false for anything that is not 0-9.</summary>
    public static bool TryParseRegion(string? text, out SummaryScope scope)
    {
        scope = National;
        if (text is not { Length: 1 } || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        scope = OfRegion(text[0] - '0');
        return true;
    }

    /// <summary>Head office sees the national files; an officer those of each region they cover.</summary>
    public bool IsVisibleTo(StaffScope staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return Region is { } r ? staff.Covers(r) : staff.IsAll;
    }

    /// <summary>The blob of one file of this scope; only the five names exist, so no other blob is reachable.</summary>
    public string? BlobName(FiscalYear year, string file) =>
        SummaryFiles.ContentTypes.ContainsKey(file) ? Prefix(year) + file : null;

    public string Prefix(FiscalYear year) =>
        Region is { } r ? string.Create(CultureInfo.InvariantCulture, $"fy{year.BuddhistYear}/regions/{r}/") : $"fy{year.BuddhistYear}/";

    /// <summary>Reads <c>fy{N}/{file}</c> or <c>fy{N}/regions/{n}/{file}</c> back; false for any other blob (the compile lock, say).</summary>
    public static bool TryParseBlob(string name, out FiscalYear year, out SummaryScope scope, out string file)
    {
        ArgumentNullException.ThrowIfNull(name);
        (year, scope, file) = (default, National, "");
        var parts = name.Split('/');
        if (parts.Length is not (2 or 4) || !parts[0].StartsWith("fy", StringComparison.Ordinal) || !FiscalYear.TryParse(parts[0][2..], out year)
            || (parts.Length == 4 && (parts[1] != "regions" || !TryParseRegion(parts[2], out scope))))
        {
            return false;
        }

        file = parts[^1];
        return scope.BlobName(year, file) == name;
    }
}
