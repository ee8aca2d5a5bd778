using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.ReferenceData;

public class SeedsTests
{
    private static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);

    [Fact]
    public void Provinces_AreTheSeventySevenWithUniqueIsoCodes()
    {
        Assert.Equal(77, Catalog.Provinces.Count);
        Assert.Equal(77, Catalog.Provinces.Select(p => p.Code).Distinct().Count());
        Assert.All(Catalog.Provinces, p => Assert.Matches("^TH-[0-9]{2}$", p.Code));
        Assert.All(Catalog.Provinces, p => Assert.False(string.IsNullOrWhiteSpace(p.NameTh) || string.IsNullOrWhiteSpace(p.NameEn)));
    }

    [Fact]
    public void EveryProvince_IsInExactlyOneKnownRegion()
    {
        var regions = Catalog.Regions.Select(r => r.Id).ToHashSet();

        Assert.Equal(Enumerable.Range(0, 10), regions.Order());
        Assert.All(Catalog.Provinces, p => Assert.Contains(p.PaccRegion, regions));
        Assert.Equal(77, Catalog.Regions.Sum(r => Catalog.Provinces.Count(p => p.PaccRegion == r.Id)));
    }

    [Theory]
    [InlineData("TH-10", 0)]
    [InlineData("TH-80", 8)]
    [InlineData("TH-81", 8)]
    [InlineData("TH-70", 7)]
    [InlineData("TH-65", 6)]
    public void RegionOf_KnownProvince_GivesItsOffice(string code, int region)
    {
        Assert.Equal(region, Catalog.RegionOf(code));
    }

    [Fact]
    public void Regions_HaveTheirOfficeProvinceInsideThem()
    {
        Assert.All(Catalog.Regions, r => Assert.Equal(r.Id, Catalog.RegionOf(r.OfficeProvince)));
        Assert.StartsWith("สำนักงาน ป.ป.ท. เขต", Catalog.Regions.Single(r => r.Id == 8).NameTh, StringComparison.Ordinal);
    }

    [Fact]
    public void Categories_HaveThaiAndEnglishLabelsAndUniqueIds()
    {
        Assert.Contains(Catalog.Categories, c => c.Id == "procurement" && c.NameTh == "ทุจริตการจัดซื้อจัดจ้าง");
        Assert.Equal(Catalog.Categories.Count, Catalog.Categories.Select(c => c.Id).Distinct().Count());
        Assert.NotNull(Catalog.FindCategory("other"));
    }

    [Fact]
    public void PilotProvinces_Fy2563_IncludeNakhonSiThammaratAndKrabiForRegion8()
    {
        var pilots = Catalog.PilotProvincesOf(2563);

        Assert.Contains(pilots, p => p.Code == "TH-80" && p.Region == 8);
        Assert.Contains(pilots, p => p.Code == "TH-81" && p.Region == 8);
        Assert.All(pilots, p => Assert.Equal(p.Region, Catalog.RegionOf(p.Code)));
        Assert.Empty(Catalog.PilotProvincesOf(2550));
    }

    [Fact]
    public void Workshops_IncludeTheNakhonSiThammaratWorkshopOfFiscalYear2563()
    {
        var workshops = AntiCorruption.Core.Workshops.WorkshopSeeds.Load(RepoPaths.Seeds, Catalog);

        var nst = Assert.Single(workshops, w => w.RowKey == "nst-2563-0702");
        Assert.Equal(2563, nst.FiscalYear);
        Assert.Equal(8, nst.Region);
        Assert.Equal(new DateTimeOffset(2020, 7, 2, 2, 0, 0, TimeSpan.Zero), nst.StartsAt);
        Assert.All(workshops, w => Assert.True(w.RegistrationDeadline <= w.StartsAt && w.StartsAt < w.EndsAt));
    }

    [Fact]
    public void Catalog_ProvinceListedTwice_IsRefused()
    {
        var provinces = Catalog.Provinces.Take(76).Append(Catalog.Provinces[0]).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => new ReferenceCatalog(provinces, Catalog.Regions, Catalog.Categories, Catalog.PilotYears));
        Assert.Contains("listed 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ProvinceInUnknownRegion_IsRefused()
    {
        var provinces = Catalog.Provinces.Select((p, i) => i == 5 ? p with { PaccRegion = 12 } : p).ToArray();

        Assert.Throws<InvalidDataException>(() => new ReferenceCatalog(provinces, Catalog.Regions, Catalog.Categories, Catalog.PilotYears));
    }
}
