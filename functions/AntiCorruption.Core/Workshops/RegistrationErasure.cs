using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Erases a registrant's personal fields, when they withdraw their consent (with their code) or
/// ask by letter (staff, <see cref="RegistrationDataRequests"/>). Registration rests on consent,
/// and what the records of a workshop still need decides what goes:
/// <list type="bullet">
/// <item>A registration still held (pending, confirmed, waitlisted) is cancelled first, as a
/// cancellation is, so a confirmed seat passes to the first on the waitlist.</item>
/// <item>Someone who never attended (the workshop ahead, a no-show, an earlier cancellation)
/// leaves nothing the workshop needs: name, position, agency, phone, email and national id are
/// erased at once.</item>
/// <item>Someone checked in is part of the workshop's attendance record (who came, from which
/// agency, when), which PACC keeps as an official record of the training under the retention
/// schedule: name, position, agency and province stay for it, and phone, email and national id,
/// which the attendance record does not need, are erased at once.</item>
/// </list>
/// In every case the sealed copy of the confirmation code and the retry hash go, and so do the
/// keyed hashes made from the erased values (the duplicate guards and the registrant index).
/// What stays is what says a registration existed: its status, times, the province given (it is
/// counted in registrations.csv) and the hash of the code (so the code still answers, saying what
/// was erased). Erasing again changes nothing and answers the same.
/// </summary>
public sealed partial class RegistrationErasure(
    StorageAccount storage,
    RegistrationDesk desk,
    RegistrantIndex index,
    PiiProtector pii,
    TimeProvider time,
    ILogger<RegistrationErasure> logger)
{
    /// <summary>Every personal field of a registration but the province, in the API's spelling.</summary>
    public static readonly IReadOnlyList<string> PersonalFields = ["fullName", "position", "agency", "phone", "email", "nationalId"];

    /// <summary>What the attendance record of someone who came keeps.</summary>
    public static readonly IReadOnlyList<string> AttendanceFields = ["fullName", "position", "agency", "province", "checkedInAt"];

    /// <summary>The contact fields erased from an attendance record.</summary>
    public static readonly IReadOnlyList<string> ContactFields = ["phone", "email", "nationalId"];

    private const int Attempts = 8;
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);

    /// <summary>What erasure does to a registration in this status: the fields it erases and the ones it keeps.</summary>
    public static (IReadOnlyList<string> Erased, IReadOnlyList<string> Kept) PlanFor(RegistrationStatus status) =>
        status == RegistrationStatus.CheckedIn ? (ContactFields, AttendanceFields) : (PersonalFields, ["province"]);

    /// <summary>
    /// Erases the registration stored as <paramref name="rowKey"/>; null when there is none.
    /// <paramref name="consentWithdrawn"/> records the registrant's own withdrawal (a request by
    /// letter is recorded in the audit trail instead).
    /// </summary>
    public async Task<ErasureOutcome?> EraseAsync(string workshopId, string rowKey, bool consentWithdrawn, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await _registrations.GetEntityIfExistsAsync<TableEntity>(workshopId, rowKey, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                return null;
            }

            var row = found.Value!;
            if (row.GetDateTimeOffset(nameof(RegistrationEntity.ErasedAt)) is not null)
            {
                return await AlreadyErasedAsync(row, consentWithdrawn, cancellationToken);
            }

            var status = EnumNames.Parse<RegistrationStatus>(row.GetString(nameof(RegistrationEntity.Status)) ?? "pending");
            if (status is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted)
            {
                // The seat goes back as a cancellation gives it back; then the row is read again.
                await desk.CancelRowAsync(workshopId, rowKey, cancellationToken);
                continue;
            }

            if (await TryEraseAsync(workshopId, row, status, consentWithdrawn, cancellationToken) is { } outcome)
            {
                LogErased(logger, workshopId, outcome.Status);
                return outcome;
            }
        }

        throw new TimeoutException($"A registration of workshop {workshopId} kept changing while it was erased.");
    }

    /// <summary>The outcome recorded on an erased row.</summary>
    public static ErasureOutcome OutcomeOf(RegistrationEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var status = EnumNames.Parse<RegistrationStatus>(row.Status);
        var erased = (row.ErasedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new ErasureOutcome(status, row.ErasedAt ?? row.CancelledAt ?? row.CreatedAt, row.ConsentWithdrawnAt, erased, PlanFor(status).Kept);
    }

    private async Task<ErasureOutcome?> TryEraseAsync(string workshopId, TableEntity row, RegistrationStatus status, bool consentWithdrawn, CancellationToken cancellationToken)
    {
        var rowKey = row.RowKey;
        var context = RegistrationCodes.AttendeeContext(workshopId, rowKey[2..]);
        var sealedAttendee = row.GetBinary(nameof(RegistrationEntity.Attendee));
        var attendee = sealedAttendee is { Length: > 0 } ? pii.OpenJson<Attendee>(sealedAttendee, context) : null;

        // The hashes made from the values go first: if this stops half-way the row still lists
        // them, and the next try finds and removes what is left.
        var keys = row.GetString(nameof(RegistrationEntity.RegistrantKeys)) is { } listed ? RegistrantIndex.Listed(listed)
            : attendee is null ? [] : index.KeysOf(attendee);
        await index.RemoveAsync(rowKey, keys, cancellationToken);
        await RemoveGuardsAsync(workshopId, rowKey, row.GetString(nameof(RegistrationEntity.Guards)), cancellationToken);

        var (erased, _) = PlanFor(status);
        var now = time.GetUtcNow();
        row.Remove(nameof(RegistrationEntity.Attendee));
        row.Remove(nameof(RegistrationEntity.Code));
        row.Remove(nameof(RegistrationEntity.Retry));
        if (status == RegistrationStatus.CheckedIn && attendee is not null)
        {
            row[nameof(RegistrationEntity.Attendee)] = pii.SealJson(attendee with { Phone = null, Email = null, NationalId = null }, context);
        }

        row[nameof(RegistrationEntity.Guards)] = "";
        row[nameof(RegistrationEntity.RegistrantKeys)] = "";
        row[nameof(RegistrationEntity.ErasedAt)] = now;
        row[nameof(RegistrationEntity.ErasedFields)] = string.Join(',', erased);
        if (consentWithdrawn)
        {
            row[nameof(RegistrationEntity.ConsentWithdrawnAt)] = now;
        }

        try
        {
            await _registrations.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null; // changed meanwhile (a check-in, a promotion's read): read again
        }

        return new ErasureOutcome(status, now, consentWithdrawn ? now : null, erased, PlanFor(status).Kept);
    }

    /// <summary>An erased row: a withdrawal of consent after a request by letter is still recorded.</summary>
    private async Task<ErasureOutcome> AlreadyErasedAsync(TableEntity row, bool consentWithdrawn, CancellationToken cancellationToken)
    {
        if (consentWithdrawn && row.GetDateTimeOffset(nameof(RegistrationEntity.ConsentWithdrawnAt)) is null)
        {
            var withdrawn = new TableEntity(row.PartitionKey, row.RowKey) { [nameof(RegistrationEntity.ConsentWithdrawnAt)] = time.GetUtcNow() };
            await _registrations.UpdateEntityAsync(withdrawn, ETag.All, TableUpdateMode.Merge, cancellationToken);
            row[nameof(RegistrationEntity.ConsentWithdrawnAt)] = withdrawn[nameof(RegistrationEntity.ConsentWithdrawnAt)];
        }

        var status = EnumNames.Parse<RegistrationStatus>(row.GetString(nameof(RegistrationEntity.Status)) ?? "cancelled");
        var erased = (row.GetString(nameof(RegistrationEntity.ErasedFields)) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new ErasureOutcome(status, row.GetDateTimeOffset(nameof(RegistrationEntity.ErasedAt))!.Value, row.GetDateTimeOffset(nameof(RegistrationEntity.ConsentWithdrawnAt)), erased, PlanFor(status).Kept);
    }

    /// <summary>
    /// The row's duplicate guards, each only while it is still this registration's: after a
    /// cancellation the person may have registered again, and that registration's guard has the
    /// same key.
    /// </summary>
    private async Task RemoveGuardsAsync(string workshopId, string rowKey, string? guards, CancellationToken cancellationToken)
    {
        foreach (var guard in (guards ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var found = await _registrations.GetEntityIfExistsAsync<RegistrationGuard>(workshopId, guard, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value!.Registration != rowKey)
            {
                continue;
            }

            try
            {
                await _registrations.DeleteEntityAsync(workshopId, guard, found.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                // Released or taken over meanwhile: no longer this registration's.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased a registration's personal fields in workshop {WorkshopId} ({Status})")]
    private static partial void LogErased(ILogger logger, string workshopId, RegistrationStatus status);
}

/// <summary>
/// What an erasure did: the registration's status after it (cancelled, or checked in for someone
/// who came), when, when consent was withdrawn (null for a request by letter), the fields erased
/// and the fields kept.
/// </summary>
public sealed record ErasureOutcome(
    RegistrationStatus Status,
    DateTimeOffset ErasedAt,
    DateTimeOffset? ConsentWithdrawnAt,
    IReadOnlyList<string> Erased,
    IReadOnlyList<string> Kept);
