using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// The two periods of a registration: its contacts (phone, email, national id, and the keyed
/// hashes made from them: the duplicate guards and the registrant index) after the workshop ends,
/// its name, position and agency after the workshop's fiscal year ends; once nothing personal is
/// left the sealed details go altogether (and the registration leaves the attendee list). The
/// registration row stays, with its status, sequence, check-in time and province, so seat counts,
/// attendance figures and the summaries stay as they were. A registration its registrant already
/// had erased (Workshops/RegistrationErasure) keeps only what that left, and this erases the rest
/// when its time comes.
/// </summary>
internal sealed class RegistrationRetention(StorageAccount storage, PiiProtector pii, RegistrantIndex index, DateTimeOffset now)
{
    private const string From = "r-";
    private const string To = "r.";

    private readonly TableClient _workshops = storage.Table(StorageNames.WorkshopsTable);
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);

    public static bool Handles(string kind) => kind is RetentionKinds.RegistrationContacts or RetentionKinds.AttendeeNames;

    /// <summary>
    /// Registrations of the workshops whose period started in [<paramref name="from"/>,
    /// <paramref name="cutoff"/>) that still hold what <paramref name="kind"/> erases, at most
    /// <paramref name="most"/>. Workshops are hundreds, in one partition: all are read.
    /// </summary>
    public async Task<(List<(string Workshop, string Registration)> Due, bool Complete)> DueAsync(
        string kind, DateTimeOffset from, DateTimeOffset cutoff, int most, CancellationToken cancellationToken)
    {
        var workshops = new List<(string Id, DateTimeOffset Start)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkshopEntity.Partition}");
        await foreach (var workshop in _workshops.QueryAsync<WorkshopEntity>(filter, select: ["RowKey", "EndsAt", "FiscalYear"], cancellationToken: cancellationToken))
        {
            var start = StartOf(kind, workshop);
            if (start >= from && start < cutoff)
            {
                workshops.Add((workshop.RowKey, start));
            }
        }

        var due = new List<(string, string)>();
        var marker = kind == RetentionKinds.RegistrationContacts ? nameof(RegistrationEntity.ContactsErasedAt) : nameof(RegistrationEntity.NameErasedAt);
        foreach (var (workshop, _) in workshops.OrderBy(w => w.Start))
        {
            var rows = TableClient.CreateQueryFilter($"PartitionKey eq {workshop} and RowKey ge {From} and RowKey lt {To}");
            await foreach (var row in _registrations.QueryAsync<TableEntity>(rows, select: ["RowKey", marker], cancellationToken: cancellationToken))
            {
                if (row.GetDateTimeOffset(marker) is not null)
                {
                    continue;
                }

                if (due.Count == most)
                {
                    return (due, false);
                }

                due.Add((workshop, row.RowKey));
            }
        }

        return (due, true);
    }

    /// <summary>When a workshop's period starts for <paramref name="kind"/>: its end, or the end of its fiscal year.</summary>
    public static DateTimeOffset StartOf(string kind, WorkshopEntity workshop)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        if (kind == RetentionKinds.RegistrationContacts)
        {
            return workshop.EndsAt;
        }

        var year = new FiscalYear(workshop.FiscalYear);
        return (year.IsAccepted ? year : FiscalYear.Of(workshop.EndsAt)).End;
    }

    /// <summary>
    /// Opens the registration's sealed details, empties the kind's fields and seals them again;
    /// for contacts, the guards made from them go in the same transaction (one partition), so a
    /// registration never holds a guard for a value it no longer has.
    /// </summary>
    public async Task<Erased> EraseAsync(string kind, string workshopId, string registration, CancellationToken cancellationToken)
    {
        var found = await _registrations.GetEntityIfExistsAsync<RegistrationEntity>(workshopId, registration, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return Erased.NotDue;
        }

        var row = found.Value!;
        var contacts = kind == RetentionKinds.RegistrationContacts;
        if ((contacts ? row.ContactsErasedAt : row.NameErasedAt) is not null || row.Attendee.Length == 0)
        {
            return Erased.NotDue; // done, or nothing sealed left (erased at the registrant's request)
        }

        var context = RegistrationCodes.AttendeeContext(workshopId, row.RowKey[From.Length..]);
        Attendee attendee;
        try
        {
            attendee = pii.OpenJson<Attendee>(row.Attendee, context);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return Erased.Left; // not readable with the keys the app holds: left, and logged by the run
        }

        var actions = new List<TableTransactionAction>();
        if (contacts)
        {
            // The index rows go first: if the rest fails, the row still lists them for the next run.
            var keys = row.RegistrantKeys is { } listed ? RegistrantIndex.Listed(listed) : index.KeysOf(attendee);
            await index.RemoveAsync(row.RowKey, keys, cancellationToken);
            row.RegistrantKeys = "";
            attendee = attendee with { Phone = null, Email = null, NationalId = null };
            foreach (var guard in row.Guards.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var held = await _registrations.GetEntityIfExistsAsync<RegistrationGuard>(workshopId, guard, cancellationToken: cancellationToken);
                if (held.HasValue && held.Value!.Registration == row.RowKey)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, held.Value, held.Value.ETag));
                }
            }

            row.Guards = "";
            row.ContactsErasedAt = now;
        }
        else
        {
            attendee = attendee with { FullName = "", Position = null, Agency = null };
            row.NameErasedAt = now;
        }

        row.Attendee = attendee is { FullName: "", Position: null, Agency: null, Phone: null, Email: null, NationalId: null }
            ? [] // nothing personal left: the province is on the row itself
            : pii.SealJson(attendee, context);
        actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
        try
        {
            await _registrations.SubmitTransactionAsync(actions, cancellationToken);
            return Erased.Done;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return Erased.Left; // a seat decision, a check-in or a cancellation at this moment: next run
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return Erased.Left;
        }
    }
}
