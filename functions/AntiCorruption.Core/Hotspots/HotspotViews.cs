namespace AntiCorruption.Core.Hotspots;

/// <summary>
/// Which stored hotspots each reader sees. Head office and the national summary: the national
/// rows (provinces, and agencies counted over the whole country). A region: its provinces, and
/// the agencies found among its own complaints, never a national agency row, whose counts
/// include other regions' complaints.
/// </summary>
public static class HotspotViews
{
    public static IReadOnlyList<HotspotRecord> National(IEnumerable<HotspotRecord> rows) =>
        Ordered(rows.Where(r => !r.Regional));

    public static IReadOnlyList<HotspotRecord> ForRegions(IEnumerable<HotspotRecord> rows, IReadOnlyCollection<int> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return Ordered(rows.Where(r => r.Region is { } region && regions.Contains(region) && (r.Kind == "province" ? !r.Regional : r.Regional)));
    }

    private static HotspotRecord[] Ordered(IEnumerable<HotspotRecord> rows) =>
        [.. rows.OrderBy(r => r.PValue).ThenBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Region)];
}
