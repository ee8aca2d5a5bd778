using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Everything held about one registration, opened: what a registrant sees with their code and
/// downloads (PDPA access), and what staff export for a request by letter. Each piece comes from
/// the registration's row and its workshop; nothing is left out.
/// </summary>
public sealed class RegistrationRecords(WorkshopCatalog workshops, WaitlistPositions waitlist, PiiProtector pii)
{
    public async Task<RegistrationData> DataOfAsync(string workshopId, RegistrationEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var workshop = await workshops.FindAsync(workshopId, cancellationToken);
        var status = EnumNames.Parse<RegistrationStatus>(row.Status);
        int? place = status == RegistrationStatus.Waitlisted ? await waitlist.PlaceOfAsync(workshopId, row.Sequence, cancellationToken) : null;
        var attendee = AttendeeOf(pii, workshopId, row);
        return new RegistrationData(
            new RegistrationWorkshop(workshopId, workshop?.Title, workshop?.Province, workshop?.Venue, workshop?.StartsAt, workshop?.EndsAt),
            status,
            place,
            new RegistrationPerson(attendee?.FullName is { Length: > 0 } name ? name : null, attendee?.Position, attendee?.Agency, attendee?.Province ?? row.Province, attendee?.Phone, attendee?.Email, attendee?.NationalId),
            row.CreatedAt,
            // Registration takes consent (it must be true), so consent was given with it.
            row.CreatedAt,
            row.DecidedAt,
            row.CheckedInAt,
            row.CancelledAt,
            row.ConsentWithdrawnAt,
            row.ErasedAt,
            ErasedFieldsOf(row));
    }

    /// <summary>
    /// The fields erased, at the registrant's request (<see cref="RegistrationEntity.ErasedFields"/>)
    /// or by the retention schedule when their period ended (contacts after the workshop, the name
    /// after its fiscal year).
    /// </summary>
    public static IReadOnlyList<string> ErasedFieldsOf(RegistrationEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (row.ErasedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Concat(row.ContactsErasedAt is null ? [] : RegistrationErasure.ContactFields)
            .Concat(row.NameErasedAt is null ? [] : ["fullName", "position", "agency"])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The registrant's sealed details opened, or null once they are erased.</summary>
    public static Attendee? AttendeeOf(PiiProtector pii, string workshopId, RegistrationEntity row)
    {
        ArgumentNullException.ThrowIfNull(pii);
        ArgumentNullException.ThrowIfNull(row);
        return row.Attendee.Length == 0 ? null : pii.OpenJson<Attendee>(row.Attendee, RegistrationCodes.AttendeeContext(workshopId, row.RowKey[2..]));
    }
}

/// <summary>
/// One registration as its registrant (or staff, for a request by letter) sees all of it:
/// <c>person</c>'s fields are null where not given or erased (<c>erased</c> names those erased);
/// <c>consentedAt</c> is when consent was given, with the registration.
/// </summary>
public sealed record RegistrationData(
    RegistrationWorkshop Workshop,
    RegistrationStatus Status,
    int? WaitlistPosition,
    RegistrationPerson Person,
    DateTimeOffset CreatedAt,
    DateTimeOffset ConsentedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? ConsentWithdrawnAt,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<string> Erased);

/// <summary>The workshop a registration is for; only the id when the workshop itself is gone.</summary>
public sealed record RegistrationWorkshop(string Id, string? Title, string? Province, string? Venue, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>The registrant's details as given (phone in national form, email in lowercase).</summary>
public sealed record RegistrationPerson(string? FullName, string? Position, string? Agency, string Province, string? Phone, string? Email, string? NationalId);
