using System.Collections.Frozen;

namespace AntiCorruption.Core.ReferenceData;

/// <summary>
/// The reference data the app runs on, loaded once from <c>seeds/</c> and checked as a whole:
/// a region mapping that is wrong would silently send complaints to the wrong office.
/// </summary>
public sealed class ReferenceCatalog
{
    public ReferenceCatalog(
        IReadOnlyList<Province> provinces,
        IReadOnlyList<Region> regions,
        IReadOnlyList<Category> categories,
        IReadOnlyList<PilotYear> pilotYears)
    {
        Provinces = provinces;
        Regions = regions;
        Categories = categories;
        PilotYears = pilotYears;
        Validate();
        _provinces = provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        _categories = categories.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<string, Province> _provinces;
    private readonly FrozenDictionary<string, Category> _categories;

    public IReadOnlyList<Province> Provinces { get; }
    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<Category> Categories { get; }
    public IReadOnlyList<PilotYear> PilotYears { get; }

    public Province? FindProvince(string code) => _provinces.GetValueOrDefault(code);

    public Category? FindCategory(string id) => _categories.GetValueOrDefault(id);

    /// <summary>The PACC region responsible for a province.</summary>
    public int RegionOf(string provinceCode) =>
        FindProvince(provinceCode)?.PaccRegion
        ?? throw new ArgumentException($"Unknown province code '{provinceCode}'.", nameof(provinceCode));

    public IReadOnlyList<PilotProvince> PilotProvincesOf(int fiscalYear) =>
        PilotYears.FirstOrDefault(y => y.FiscalYear == fiscalYear)?.Provinces ?? [];

    private void Validate()
    {
        var problems = new List<string>();
        if (Provinces.Count != 77)
        {
            problems.Add($"expected 77 provinces, found {Provinces.Count}");
        }

        foreach (var duplicate in Provinces.GroupBy(p => p.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"province {duplicate.Key} is listed {duplicate.Count()} times");
        }

        var regionIds = Regions.Select(r => r.Id).ToHashSet();
        if (regionIds.Count != Regions.Count)
        {
            problems.Add("a region id is listed twice");
        }

        foreach (var province in Provinces)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(province.Code, "^TH-[0-9]{2}$|^TH-S$"))
            {
                problems.Add($"province code {province.Code} is not ISO 3166-2:TH");
            }

            if (!regionIds.Contains(province.PaccRegion))
            {
                problems.Add($"province {province.Code} is in unknown region {province.PaccRegion}");
            }
        }

        var codes = Provinces.Select(p => p.Code).ToHashSet();
        foreach (var region in Regions)
        {
            if (!codes.Contains(region.OfficeProvince))
            {
                problems.Add($"region {region.Id} has unknown office province {region.OfficeProvince}");
            }
            else if (Provinces.First(p => p.Code == region.OfficeProvince).PaccRegion != region.Id)
            {
                problems.Add($"region {region.Id}'s office province {region.OfficeProvince} belongs to another region");
            }

            if (!Provinces.Any(p => p.PaccRegion == region.Id))
            {
                problems.Add($"region {region.Id} covers no province");
            }
        }

        foreach (var duplicate in Categories.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"category {duplicate.Key} is listed twice");
        }

        foreach (var year in PilotYears)
        {
            foreach (var pilot in year.Provinces.Where(p => !codes.Contains(p.Code)))
            {
                problems.Add($"pilot province {pilot.Code} of {year.FiscalYear} is unknown");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("Reference data in seeds/ is inconsistent: " + string.Join("; ", problems));
        }
    }
}
