using Azure.Data.Tables;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Registrations as they are read: by confirmation code (through the keyed hash index, never the
/// code itself), with the place on the waitlist, and a workshop's whole list in decision order.
/// The seat decisions that change them are <see cref="RegistrationDesk"/>'s.
/// </summary>
public sealed class RegistrationLookup(StorageAccount storage, KeyedHasher hasher, ConfirmationCodes codes, WaitlistPositions waitlist)
{
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.RegistrationCodesTable);

    /// <summary>The registration a code names, with its place on the waitlist; null when there is none.</summary>
    public async Task<RegistrationView?> ViewAsync(string code, CancellationToken cancellationToken)
    {
        var found = await FindAsync(code, cancellationToken);
        return found is null ? null : await ViewOfAsync(found.Value.WorkshopId, found.Value.Row, cancellationToken);
    }

    /// <summary>The canonical code when it names a registration, else null (for the QR code: no waitlist count needed).</summary>
    public async Task<string?> CanonicalCodeAsync(string code, CancellationToken cancellationToken) =>
        ConfirmationCodes.TryNormalize(code, out var canonical) && await FindAsync(canonical, cancellationToken) is not null ? canonical : null;

    /// <summary>Every registration of a workshop, in the order they were decided.</summary>
    public async Task<IReadOnlyList<RegistrationEntity>> AllAsync(string workshopId, CancellationToken cancellationToken)
    {
        var rows = new List<RegistrationEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey ge {"r-"} and RowKey lt {"r."}");
        await foreach (var row in _registrations.QueryAsync<RegistrationEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows.OrderBy(r => r.Sequence == 0 ? long.MaxValue : r.Sequence).ThenBy(r => r.CreatedAt).ToArray();
    }

    /// <summary>The workshop and the row a code names, or null.</summary>
    public async Task<(string WorkshopId, RegistrationEntity Row)?> FindAsync(string code, CancellationToken cancellationToken)
    {
        // A complaint's tracking code, or any code without a registration's check, names no
        // registration: it is refused before a storage read, as the status route refuses a
        // confirmation code.
        if (!ConfirmationCodes.TryNormalize(code, out var canonical) || !codes.IsAuthentic(canonical))
        {
            return null;
        }

        var hash = RegistrationCodes.Hash(hasher, canonical);
        var index = await _codes.FindAsync<RegistrationCodeEntity>(hash[..2], hash, cancellationToken);
        if (index is null)
        {
            return null;
        }

        var row = await _registrations.FindAsync<RegistrationEntity>(index.WorkshopId, RegistrationEntity.RowOf(hash), cancellationToken);
        return row is null ? null : (index.WorkshopId, row);
    }

    private async Task<RegistrationView> ViewOfAsync(string workshopId, RegistrationEntity registration, CancellationToken cancellationToken)
    {
        int? position = registration.Status == "waitlisted" ? await waitlist.PlaceOfAsync(workshopId, registration.Sequence, cancellationToken) : null;
        return new RegistrationView(EnumNames.Parse<RegistrationStatus>(registration.Status), workshopId, position);
    }
}
