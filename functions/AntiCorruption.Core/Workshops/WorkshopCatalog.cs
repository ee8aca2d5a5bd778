using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>Workshops: seeded examples, staff-created ones, and what the public list shows.</summary>
public sealed class WorkshopCatalog(StorageAccount storage, WorkshopValidator validator, ReferenceData.ReferenceCatalog catalog, TimeProvider time)
{
    private readonly TableClient _workshops = storage.Table(StorageNames.WorkshopsTable);
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);

    public async Task<WorkshopEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id))
        {
            return null;
        }

        var row = await _workshops.GetEntityIfExistsAsync<WorkshopEntity>(WorkshopEntity.Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The workshop when it is in the staff member's region: one of another region is, to them, one that does not exist.</summary>
    public async Task<WorkshopEntity?> FindInScopeAsync(string id, Staff.StaffScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return await FindAsync(id, cancellationToken) is { } workshop && scope.Covers(RegionOf(workshop)) ? workshop : null;
    }

    /// <summary>
    /// The region a workshop belongs to: that of its province, as the reference data says now.
    /// The stored region was worked out the same way when the workshop was saved, but
    /// <c>seeds/regions.json</c> is expected to be corrected as PACC confirms its offices, and a
    /// workshop must follow its province to the office that now handles it, in every staff view
    /// alike. The stored one serves only for a province code the reference data no longer knows.
    /// </summary>
    public int RegionOf(WorkshopEntity workshop)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        return catalog.FindProvince(workshop.Province)?.PaccRegion ?? workshop.Region;
    }

    /// <summary>Every workshop of a fiscal year, past ones too, in start order (one small partition, filtered by year).</summary>
    public async Task<IReadOnlyList<WorkshopEntity>> ListYearAsync(Time.FiscalYear year, CancellationToken cancellationToken)
    {
        var rows = new List<WorkshopEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkshopEntity.Partition} and FiscalYear eq {year.BuddhistYear}");
        await foreach (var row in _workshops.QueryAsync<WorkshopEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return [.. rows.OrderBy(w => w.StartsAt).ThenBy(w => w.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>The seat ledger of a workshop; null for one stored before ledgers existed and never decided.</summary>
    public async Task<SeatLedger?> LedgerAsync(string workshopId, CancellationToken cancellationToken)
    {
        var ledger = await _registrations.GetEntityIfExistsAsync<SeatLedger>(workshopId, SeatLedger.Row, cancellationToken: cancellationToken);
        return ledger.HasValue ? ledger.Value : null;
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

        var views = await Task.WhenAll(open.Where(IsOpen).OrderBy(w => w.StartsAt).Select(w => ViewAsync(w, cancellationToken)));
        return views;
    }

    /// <summary>
    /// Open until the deadline or the start. A workshop stored before Buddhist Era years were
    /// refused, with a start five centuries ahead and a fiscal year no route can ask for, is never
    /// open: it waits for staff to correct its dates.
    /// </summary>
    public bool IsOpen(WorkshopEntity workshop)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        var now = time.GetUtcNow();
        return now < workshop.RegistrationDeadline && now < workshop.StartsAt && new Time.FiscalYear(workshop.FiscalYear).IsAccepted;
    }

    /// <summary>
    /// Reads a new workshop from a staff body; fiscal year and region follow from the start and the
    /// province, which must be in the region of the one who creates it. Nothing is stored yet: the
    /// caller records the creation in the audit trail first, then calls <see cref="AddAsync"/>.
    /// </summary>
    public WorkshopEntity? ReadNew(JsonElement body, Staff.StaffScope scope, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(errors);
        var fields = JsonFields.ForBody(body, errors);
        var draft = fields is null ? null : validator.Read(fields, null);
        if (draft is not null && errors.IsEmpty && !scope.Covers(RegionOf(draft)))
        {
            errors.Add("province", Messages.ProvinceOutsideScope);
        }

        if (draft is null || !errors.IsEmpty)
        {
            return null;
        }

        draft.RowKey = NewId();
        return draft;
    }

    /// <summary>Stores a workshop made by <see cref="ReadNew"/>, with its seat ledger.</summary>
    public async Task<Workshop> AddAsync(WorkshopEntity draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await _workshops.AddEntityAsync(draft, cancellationToken);
        await _registrations.UpsertEntityAsync(new SeatLedger { PartitionKey = draft.RowKey, Capacity = draft.Capacity, WaitlistIndexed = true }, TableUpdateMode.Merge, cancellationToken);
        return await ViewAsync(draft, cancellationToken);
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
            AddIfAbsentAsync(_registrations, new SeatLedger { PartitionKey = seed.RowKey, Capacity = seed.Capacity, WaitlistIndexed = true }, cancellationToken),
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

    public async Task<Workshop> ViewAsync(WorkshopEntity workshop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        var ledger = await LedgerAsync(workshop.RowKey, cancellationToken);
        var confirmed = ledger?.Confirmed ?? 0;
        var capacity = ledger?.Capacity ?? workshop.Capacity;
        return new Workshop(
            workshop.RowKey, workshop.Title, workshop.FiscalYear, RegionOf(workshop), workshop.Province, workshop.Venue,
            workshop.StartsAt, workshop.EndsAt, capacity, Math.Max(0, capacity - confirmed), IsOpen(workshop), workshop.RegistrationDeadline);
    }

    public Task ReplaceAsync(WorkshopEntity workshop, CancellationToken cancellationToken) =>
        _workshops.UpdateEntityAsync(workshop, workshop.ETag, TableUpdateMode.Replace, cancellationToken);

    public static bool IsValidId(string id) => id.Length is >= 3 and <= 64 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static string NewId() => "ws-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
