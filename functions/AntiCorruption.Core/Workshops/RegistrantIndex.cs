using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Finds a person's registrations in every workshop from their phone, email or national id, for
/// a request that comes by letter (<see cref="RegistrationDataRequests"/>). The values are never
/// stored: each is a keyed hash under a purpose of its own (so a phone's hash never matches a
/// national id's, nor the per-workshop duplicate guards), and the index lives in the
/// <c>registrationcodes</c> table as rows with PartitionKey <c>who-{hash}</c>, RowKey the
/// registration's RowKey (<c>r-{code hash}</c>, unique across workshops) and the workshop's id.
/// <para>
/// Intake writes a person's rows before their registration, and lists their keys in the
/// registration's <see cref="RegistrationEntity.RegistrantKeys"/>, so that an erasure removes them
/// without opening anything. A row whose registration was never written (a duplicate refused, a
/// queue failure) leads nowhere and is skipped. Registrations older than the index are indexed
/// once by <see cref="RegistrantIndexBackfill"/>.
/// </para>
/// </summary>
public sealed class RegistrantIndex(StorageAccount storage, KeyedHasher hasher)
{
    public const string Prefix = "who-";

    private readonly TableClient _table = storage.Table(StorageNames.RegistrationCodesTable);

    /// <summary>The index key of a phone (national form), email (lowercase) or national id (13 digits).</summary>
    public string KeyOf(RegistrantKey kind, string normalized) => kind switch
    {
        RegistrantKey.Phone => Prefix + hasher.Hash("registrant-lookup-phone", normalized),
        RegistrantKey.Email => Prefix + hasher.Hash("registrant-lookup-email", normalized),
        RegistrantKey.NationalId => Prefix + hasher.Hash("registrant-lookup-national-id", normalized),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every key of a registrant: one per phone, email and national id given.</summary>
    public IReadOnlyList<string> KeysOf(Attendee attendee)
    {
        ArgumentNullException.ThrowIfNull(attendee);
        var keys = new List<string>(3);
        if (attendee.Phone is not null)
        {
            keys.Add(KeyOf(RegistrantKey.Phone, attendee.Phone));
        }

        if (attendee.Email is not null)
        {
            keys.Add(KeyOf(RegistrantKey.Email, attendee.Email));
        }

        if (attendee.NationalId is not null)
        {
            keys.Add(KeyOf(RegistrantKey.NationalId, attendee.NationalId));
        }

        return keys;
    }

    /// <summary>Writes the registration's index rows (again is harmless).</summary>
    public Task AddAsync(string workshopId, string registrationRow, IEnumerable<string> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(key => _table.UpsertEntityAsync(
            new TableEntity(key, registrationRow) { ["WorkshopId"] = workshopId }, TableUpdateMode.Replace, cancellationToken)));

    /// <summary>The registrations a key leads to, as (workshop id, registration RowKey).</summary>
    public async Task<IReadOnlyList<(string WorkshopId, string Registration)>> FindAsync(string key, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetString("WorkshopId") is { Length: > 0 } workshopId)
            {
                found.Add((workshopId, row.RowKey));
            }
        }

        return found;
    }

    /// <summary>Removes the registration's rows under these keys; rows already gone are fine.</summary>
    public Task RemoveAsync(string registrationRow, IEnumerable<string> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(async key =>
        {
            try
            {
                await _table.DeleteEntityAsync(key, registrationRow, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // Removed by an earlier try.
            }
        }));

    /// <summary>The keys a registration row lists.</summary>
    public static IReadOnlyList<string> Listed(string? registrantKeys) =>
        (registrantKeys ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What a registrant can be found by.</summary>
public enum RegistrantKey
{
    Phone,
    Email,
    NationalId,
}
