using AntiCorruption.Core.Staff;

namespace AntiCorruption.Core.Tests.Staff;

public class StaffScopeTests
{
    [Fact]
    public void Of_RegionRoles_CoverThoseRegionsOnly()
    {
        var scope = StaffScope.Of([StaffRoles.ComplaintsRead, "Region.8", "Region.0"]);

        Assert.Equal([0, 8], scope.Regions);
        Assert.True(scope.Covers(8));
        Assert.False(scope.Covers(9));
        Assert.False(scope.IsAll);
    }

    [Fact]
    public void Of_HeadOffice_CoversEveryRegion()
    {
        var scope = StaffScope.Of([StaffRoles.AllRegions]);

        Assert.True(scope.IsAll);
        Assert.Equal(Enumerable.Range(0, 10), scope.Regions);
    }

    [Theory]
    [InlineData("Region.10")]
    [InlineData("Region.-1")]
    [InlineData("region.8")]
    [InlineData("Region.08x")]
    [InlineData("Region.")]
    [InlineData("Region.all")]
    public void Of_RolesThatNameNoRegion_GiveNoScope(string role)
    {
        Assert.True(StaffScope.Of([StaffRoles.ComplaintsRead, role]).IsEmpty);
    }

    [Fact]
    public void Narrow_ARegionOutsideTheScope_ListsNothing()
    {
        var scope = StaffScope.Of(["Region.8"]);

        Assert.Equal([8], scope.Narrow(null));
        Assert.Equal([8], scope.Narrow(8));
        Assert.Empty(scope.Narrow(9));
    }
}
