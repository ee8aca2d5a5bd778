using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>Workshops: seeded examples, staff-created ones, and what the public list shows.</summary>
public sealed class WorkshopCatalog(StorageAccount storage, ReferenceCatalog catalog, TimeProvider time)
{
    private readonly TableClient _workshops = storage.Table(StorageNames.WorkshopsTable);
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);

    public const int MaxCapacity = 100_000;

    public async Task<WorkshopEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id))
        {
            return null;
        }

        var row = await _workshops.GetEntityIfExistsAsync<WorkshopEntity>(WorkshopEntity.Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<Workshop?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var workshop = await FindAsync(id, cancellationToken);
        return workshop is null ? null : await ViewAsync(workshop, cancellationToken);
    }

    /// <summary>Workshops whose registration is still open, soonest first.</summary>
    public async Task<IReadOnlyList<Workshop>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = new List<WorkshopEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkshopEntity.Partition} and RegistrationDeadline gt {now} and StartsAt gt {now}");
        await foreach (var row in _workshops.QueryAsync<WorkshopEntity>(filter, cancellationToken: cancellationToken))
        {
            open.Add(row);
        }

        var views = await Task.WhenAll(open.OrderBy(w => w.StartsAt).Select(w => ViewAsync(w, cancellationToken)));
        return views;
    }

    public bool IsOpen(WorkshopEntity workshop)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        var now = time.GetUtcNow();
        return now < workshop.RegistrationDeadline && now < workshop.StartsAt;
    }

    /// <summary>Creates a workshop from a staff body; fiscal year and region follow from the start and the province.</summary>
    public async Task<(Workshop? Workshop, ValidationErrors Errors)> CreateAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var draft = fields is null ? null : ReadFields(fields, null);
        if (draft is null || !errors.IsEmpty)
        {
            return (null, errors);
        }

        draft.RowKey = NewId();
        await _workshops.AddEntityAsync(draft, cancellationToken);
        await _registrations.UpsertEntityAsync(new SeatLedger { PartitionKey = draft.RowKey, Capacity = draft.Capacity }, TableUpdateMode.Merge, cancellationToken);
        return (await ViewAsync(draft, cancellationToken), errors);
    }

    /// <summary>Puts seeded workshops in place when they are missing; never overwrites what staff changed.</summary>
    public async Task SeedAsync(IEnumerable<WorkshopEntity> seeds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        // Each row on its own: a start that died between the workshop and its ledger finishes
        // the ledger on the next start instead of skipping it because the workshop is there.
        await Task.WhenAll(seeds.SelectMany(seed => new[]
        {
            AddIfAbsentAsync(_workshops, seed, cancellationToken),
            AddIfAbsentAsync(_registrations, new SeatLedger { PartitionKey = seed.RowKey, Capacity = seed.Capacity }, cancellationToken),
        }));
    }

    private static async Task AddIfAbsentAsync<T>(TableClient table, T entity, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>Reads the fields of a create (all required) or a change (any of them) over <paramref name="existing"/>.</summary>
    public WorkshopEntity? ReadFields(JsonFields fields, WorkshopEntity? existing)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var required = existing is null;
        var title = fields.Text("title", required, 300);
        var province = fields.Text("province", required, 10)?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            fields.Fail("province", Messages.UnknownProvince);
        }

        var venue = fields.Text("venue", required, 300);
        var startsAt = Instant(fields, "startsAt", required);
        var endsAt = Instant(fields, "endsAt", required);
        var deadline = Instant(fields, "registrationDeadline", required);
        var capacity = fields.Number("capacity", required, 1, MaxCapacity);
        if (capacity is not null && capacity != Math.Floor(capacity.Value))
        {
            fields.Fail("capacity", Messages.MustBeNumber);
        }

        var workshop = existing ?? new WorkshopEntity();
        workshop.Title = title ?? workshop.Title;
        workshop.Province = province ?? workshop.Province;
        workshop.Venue = venue ?? workshop.Venue;
        workshop.StartsAt = startsAt ?? workshop.StartsAt;
        workshop.EndsAt = endsAt ?? workshop.EndsAt;
        workshop.RegistrationDeadline = deadline ?? workshop.RegistrationDeadline;
        workshop.Capacity = capacity is null ? workshop.Capacity : (int)capacity.Value;
        if (fields.Errors.IsEmpty)
        {
            if (workshop.EndsAt <= workshop.StartsAt)
            {
                fields.Fail("endsAt", Messages.EndsBeforeStart);
            }

            if (workshop.RegistrationDeadline > workshop.StartsAt)
            {
                fields.Fail("registrationDeadline", Messages.DeadlineAfterStart);
            }

            workshop.FiscalYear = FiscalYear.Of(workshop.StartsAt).BuddhistYear;
            workshop.Region = catalog.RegionOf(workshop.Province);
        }

        return fields.Errors.IsEmpty ? workshop : null;
    }

    public async Task<Workshop> ViewAsync(WorkshopEntity workshop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        var ledger = await _registrations.GetEntityIfExistsAsync<SeatLedger>(workshop.RowKey, SeatLedger.Row, cancellationToken: cancellationToken);
        var confirmed = ledger.HasValue ? ledger.Value!.Confirmed : 0;
        var capacity = ledger.HasValue ? ledger.Value!.Capacity : workshop.Capacity;
        return new Workshop(
            workshop.RowKey, workshop.Title, workshop.FiscalYear, workshop.Region, workshop.Province, workshop.Venue,
            workshop.StartsAt, workshop.EndsAt, capacity, Math.Max(0, capacity - confirmed), IsOpen(workshop), workshop.RegistrationDeadline);
    }

    public Task ReplaceAsync(WorkshopEntity workshop, CancellationToken cancellationToken) =>
        _workshops.UpdateEntityAsync(workshop, workshop.ETag, TableUpdateMode.Replace, cancellationToken);

    public static bool IsValidId(string id) => id.Length is >= 3 and <= 64 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static string NewId() => "ws-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static DateTimeOffset? Instant(JsonFields fields, string name, bool required)
    {
        var text = fields.Text(name, required, 40);
        if (text is null)
        {
            return null;
        }

        // An offset is required: "09:00" alone would silently be read as UTC, seven hours off in Thailand.
        if (!HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            fields.Fail(name, Messages.InvalidInstant);
            return null;
        }

        return instant.ToUniversalTime();
    }

    private static bool HasOffset(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$");
}
