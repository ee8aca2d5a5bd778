using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Tests.Summaries;

public class SummaryScopeTests
{
    private static readonly FiscalYear Year = new(2569);

    [Theory]
    [InlineData("fy2569/summary.json", null, "summary.json")]
    [InlineData("fy2569/regions/8/report.html", 8, "report.html")]
    [InlineData("fy2569/regions/0/complaints.csv", 0, "complaints.csv")]
    public void TryParseBlob_TheFilesOfAScope_AreReadBack(string name, int? region, string file)
    {
        Assert.True(SummaryScope.TryParseBlob(name, out var year, out var scope, out var parsed));

        Assert.Equal(Year, year);
        Assert.Equal(region, scope.Region);
        Assert.Equal(file, parsed);
        Assert.Equal(name, scope.BlobName(year, parsed));
    }

    [Theory]
    [InlineData("fy2569/.compile-lock")]
    [InlineData("fy2569/regions/10/summary.json")]
    [InlineData("fy2569/regions/08/summary.json")]
    [InlineData("fy2569/regions/8/../summary.json")]
    [InlineData("fy2569/region/8/summary.json")]
    [InlineData("fy2569/regions/8/notes.txt")]
    [InlineData("fy3000/summary.json")]
    public void TryParseBlob_AnythingElse_IsNotASummaryFile(string name) =>
        Assert.False(SummaryScope.TryParseBlob(name, out _, out _, out _));

    [Fact]
    public void IsVisibleTo_NationalForHeadOfficeOnly_ARegionForThoseWhoCoverIt()
    {
        var region8 = StaffScope.Of([StaffRoles.Region(8)]);
        var headOffice = StaffScope.Of([StaffRoles.AllRegions]);

        Assert.False(SummaryScope.National.IsVisibleTo(region8));
        Assert.True(SummaryScope.National.IsVisibleTo(headOffice));
        Assert.True(SummaryScope.OfRegion(8).IsVisibleTo(region8));
        Assert.False(SummaryScope.OfRegion(9).IsVisibleTo(region8));
        Assert.True(SummaryScope.OfRegion(9).IsVisibleTo(headOffice));
        Assert.Equal("region-8", SummaryScope.OfRegion(8).Name);
        Assert.Null(SummaryScope.OfRegion(8).BlobName(Year, "../summary.json"));
    }
}
