using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Workshops;

/// <summary>Reads <c>seeds/workshops.json</c> and puts its workshops in the table once storage is ready.</summary>
public sealed class WorkshopSeeds(WorkshopCatalog workshops, ReferenceCatalog catalog) : IStorageSeed
{
    public static IReadOnlyList<WorkshopEntity> Load(string directory, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        using var stream = File.OpenRead(Path.Combine(directory, "workshops.json"));
        var file = JsonSerializer.Deserialize<SeedFile>(stream, JsonDefaults.Options) ?? throw new InvalidDataException("workshops.json is empty.");
        return file.Workshops.Select(w => new WorkshopEntity
        {
            RowKey = WorkshopCatalog.IsValidId(w.Id) ? w.Id : throw new InvalidDataException($"Workshop id '{w.Id}' is not lowercase letters, digits and dashes."),
            Title = w.Title,
            Province = w.Province,
            Region = catalog.RegionOf(w.Province),
            Venue = w.Venue,
            StartsAt = w.StartsAt.ToUniversalTime(),
            EndsAt = w.EndsAt.ToUniversalTime(),
            RegistrationDeadline = w.RegistrationDeadline.ToUniversalTime(),
            Capacity = w.Capacity,
            FiscalYear = FiscalYear.Of(w.StartsAt).BuddhistYear,
        }).ToArray();
    }

    public Task SeedAsync(CancellationToken cancellationToken) =>
        workshops.SeedAsync(Load(SeedLoader.DefaultDirectory, catalog), cancellationToken);

    private sealed record SeedFile(IReadOnlyList<SeedWorkshop> Workshops);

    private sealed record SeedWorkshop(string Id, string Title, string Province, string Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset RegistrationDeadline, int Capacity);
}
