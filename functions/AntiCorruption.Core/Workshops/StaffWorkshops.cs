using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// What staff do with workshops, inside their scope: list a year's workshops with their seats,
/// create, change, open the attendee list, check people in. A workshop of another region is, to
/// them, one that does not exist. Every action is written to the audit trail before it takes
/// effect, with the workshop's region; if that write fails the action does not happen.
/// </summary>
public sealed class StaffWorkshops(WorkshopCatalog workshops, WorkshopValidator validator, RegistrationDesk desk, AuditLog audit, Privacy.PiiProtector pii, Notifications.NoticeOutbox notices, TimeProvider time)
{
    /// <summary>Every workshop of the year in the scope, past ones too, in start order, with its seat counts.</summary>
    public async Task<IReadOnlyList<StaffWorkshop>> ListAsync(StaffScope scope, FiscalYear year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var inScope = (await workshops.ListYearAsync(year, cancellationToken)).Where(w => scope.Covers(workshops.RegionOf(w)));
        return await Task.WhenAll(inScope.Select(w => ViewAsync(w, cancellationToken)));
    }

    /// <summary>The new workshop, or the errors of the body; audited between the checks and the write.</summary>
    public async Task<(Workshop? Workshop, ValidationErrors Errors)> CreateAsync(StaffMember staff, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var draft = workshops.ReadNew(body, staff.Scope, errors);
        if (draft is null)
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.WorkshopCreate, workshops.RegionOf(draft), Target: draft.RowKey), cancellationToken);
        return (await workshops.AddAsync(draft, cancellationToken), errors);
    }

    /// <summary>Applies a change: the workshop after it, or null when the workshop is not there (for this officer) or the errors say why not.</summary>
    public async Task<(Workshop? Workshop, ValidationErrors Errors, bool Found)> UpdateAsync(StaffMember staff, string id, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var existing = await workshops.FindInScopeAsync(id, staff.Scope, cancellationToken);
        if (existing is null)
        {
            return (null, errors, false);
        }

        var region = workshops.RegionOf(existing);
        var (startedAt, endedAt, venue) = (existing.StartsAt, existing.EndsAt, existing.Venue); // Read changes the row it is given
        var fields = JsonFields.ForBody(body, errors);
        var changed = fields is null ? null : validator.Read(fields, existing);
        if (changed is not null && !staff.Scope.Covers(workshops.RegionOf(changed)))
        {
            // Moving a workshop to another region's province would hand it to an office the officer does not act for.
            errors.Add("province", Messages.ProvinceOutsideScope);
        }

        if (changed is null || !errors.IsEmpty)
        {
            return (null, errors, true);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.WorkshopUpdate, region, Target: id, Detail: ChangedFields(body)), cancellationToken);

        // The ledger first: if the new capacity is below the seats already confirmed, nothing changes.
        if (!await desk.SetCapacityAsync(id, changed.Capacity, cancellationToken))
        {
            return (null, ValidationErrors.For("capacity", Messages.CapacityBelowConfirmed), true);
        }

        await workshops.ReplaceAsync(changed, cancellationToken);
        if (changed.StartsAt != startedAt || changed.EndsAt != endedAt || changed.Venue != venue)
        {
            // Everyone holding a seat or a place is told, once per change (a move back to an
            // earlier time or venue is a change of its own too).
            await notices.SendAsync(Notifications.Notice.Of(Notifications.NoticeKinds.WorkshopChanged, $"{id}|{time.GetUtcNow().UtcTicks}", workshopId: id), cancellationToken);
        }

        return (await workshops.GetAsync(id, cancellationToken), errors, true);
    }

    /// <summary>
    /// Whether the officer may open the attendee list of this workshop; when so, the opening is
    /// audited (with the format) before the caller reads a single name.
    /// </summary>
    public async Task<bool> OpenAttendeesAsync(StaffMember staff, string id, string format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await workshops.FindInScopeAsync(id, staff.Scope, cancellationToken) is not { } workshop)
        {
            return false;
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.WorkshopAttendees, workshops.RegionOf(workshop), Target: id, Detail: format), cancellationToken);
        return true;
    }

    /// <summary>Checks a confirmation code in at this workshop, audited first; another region's workshop answers as a code not on its list.</summary>
    public async Task<DoorCheckIn> CheckInAsync(StaffMember staff, string id, string confirmationCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await workshops.FindInScopeAsync(id, staff.Scope, cancellationToken) is not { } workshop)
        {
            return new DoorCheckIn(CheckInResult.NotFound, null, null);
        }

        // The code itself is a secret of the registrant's and stays out of the trail; the attempt is what is recorded.
        await audit.RecordAsync(staff, new AuditEntry(AuditActions.WorkshopCheckIn, workshops.RegionOf(workshop), Target: id), cancellationToken);
        var done = await desk.CheckInAsync(id, confirmationCode, cancellationToken);
        // The door greets the person by name, or looks for the one who came before: the name the attendee list shows, nothing more.
        var name = done.Registration is { } r ? RegistrationRecords.AttendeeOf(pii, id, r)?.FullName : null;
        return new DoorCheckIn(done.Result, done.At, name);
    }

    private async Task<StaffWorkshop> ViewAsync(WorkshopEntity workshop, CancellationToken cancellationToken)
    {
        var ledger = await workshops.LedgerAsync(workshop.RowKey, cancellationToken);
        var capacity = ledger?.Capacity ?? workshop.Capacity;
        // The ledger's confirmed count keeps the seats of those already checked in.
        var confirmed = ledger?.Confirmed ?? 0;
        var now = time.GetUtcNow();
        return new StaffWorkshop(
            workshop.RowKey, workshop.Title, workshop.FiscalYear, workshops.RegionOf(workshop), workshop.Province, workshop.Venue,
            workshop.StartsAt, workshop.EndsAt, workshop.RegistrationDeadline, capacity, confirmed, ledger?.Waitlisted ?? 0, ledger?.CheckedIn ?? 0,
            Math.Max(0, capacity - confirmed), workshops.IsOpen(workshop), workshop.EndsAt < now);
    }

    private static readonly string[] Fields = ["capacity", "endsAt", "province", "registrationDeadline", "startsAt", "title", "venue"];

    /// <summary>The names of the fields a change sets (never their values, and only names the API knows): enough to read the trail by.</summary>
    private static string ChangedFields(JsonElement body) =>
        string.Join(',', Fields.Where(f => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(f, out _)));
}

/// <summary>
/// A workshop as staff see it: the public fields, and the seats as the ledger counts them:
/// <c>confirmed</c> (seats taken, those checked in included), <c>waitlisted</c>, <c>checkedIn</c>.
/// </summary>
public sealed record StaffWorkshop(
    string Id,
    string Title,
    int FiscalYear,
    int Region,
    string Province,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset RegistrationDeadline,
    int Capacity,
    int Confirmed,
    int Waitlisted,
    int CheckedIn,
    int SeatsRemaining,
    bool RegistrationOpen,
    bool Past);
