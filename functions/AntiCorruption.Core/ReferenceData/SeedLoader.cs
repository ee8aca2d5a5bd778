using System.Text.Json;
using AntiCorruption.Core.Json;

namespace AntiCorruption.Core.ReferenceData;

/// <summary>Reads the <c>seeds/</c> folder (copied next to the app at build) into a <see cref="ReferenceCatalog"/>.</summary>
public static class SeedLoader
{
    /// <summary>Where the app finds its seeds: next to its own assemblies.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static ReferenceCatalog Load(string directory)
    {
        var provinces = Read<ProvincesFile>(directory, "provinces.json").Provinces;
        var regions = Read<RegionsFile>(directory, "regions.json").Regions;
        var categories = Read<CategoriesFile>(directory, "categories.json").Categories;
        var pilots = Read<PilotFile>(directory, "pilot-provinces.json").FiscalYears;
        return new ReferenceCatalog(provinces, regions, categories, pilots);
    }

    private static T Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, JsonDefaults.Options)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    private sealed record ProvincesFile(IReadOnlyList<Province> Provinces);

    private sealed record RegionsFile(IReadOnlyList<Region> Regions);

    private sealed record CategoriesFile(IReadOnlyList<Category> Categories);

    private sealed record PilotFile(IReadOnlyList<PilotYear> FiscalYears);
}
