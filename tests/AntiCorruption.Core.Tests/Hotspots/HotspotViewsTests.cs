using AntiCorruption.Core.Hotspots;

namespace AntiCorruption.Core.Tests.Hotspots;

public class HotspotViewsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HotspotRecord[] Rows =
    [
        new("agency", "กรมที่ดิน", "กรมที่ดิน", 22, 0, 0, 1e-9, At, null),
        new("agency", "กรมที่ดิน", "กรมที่ดิน", 10, 0, 0, 1e-6, At, 8) { Regional = true },
        new("agency", "กรมที่ดิน", "กรมที่ดิน", 12, 0, 0, 1e-7, At, 9) { Regional = true },
        new("province", "TH-86", "ชุมพร", 10, 0, 0, 1e-6, At, 8),
        new("province", "TH-96", "นราธิวาส", 12, 0, 0, 1e-7, At, 9),
        // A legacy province row found again per region would not be: a province row marked regional is never shown.
        new("province", "TH-80", "นครศรีธรรมราช", 5, 0, 0, 1e-3, At, 8) { Regional = true },
    ];

    [Fact]
    public void National_IsEveryRowCountedOverTheCountry()
    {
        var national = HotspotViews.National(Rows);

        Assert.Equal([("กรมที่ดิน", (int?)null), ("TH-96", 9), ("TH-86", 8)], national.Select(r => (r.Key, r.Region)));
    }

    [Fact]
    public void ForRegions_ShowsTheRegionsOwnCountsAndNeverANationalAgencyRow()
    {
        var region8 = HotspotViews.ForRegions(Rows, [8]);
        var both = HotspotViews.ForRegions(Rows, [8, 9]);

        Assert.Equal([("TH-86", 10L), ("กรมที่ดิน", 10L)], region8.Select(r => (r.Key, r.Recent)));
        Assert.All(region8, r => Assert.Equal(8, r.Region));
        Assert.Equal(4, both.Count);
        Assert.DoesNotContain(both, r => r.Region is null);
        Assert.Empty(HotspotViews.ForRegions(Rows, []));
    }
}
