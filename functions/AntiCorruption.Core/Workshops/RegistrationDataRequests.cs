using System.Text.Json;
using Azure.Data.Tables;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// A registrant's request that comes by letter (access, a copy, erasure), handled by staff with
/// <see cref="StaffRoles.DataRequestsManage"/>: find the person's registrations by phone, email or
/// national id (through <see cref="RegistrantIndex"/>, so the value is compared by keyed hash and
/// never stored), export one, erase one. Only inside the officer's scope: a registration of
/// another region's workshop is absent from a search and answers as one that does not exist.
/// Each step is written to the audit trail before it takes effect (who, what, which
/// registration, never the value searched for or what was read); one that cannot be recorded
/// does not happen.
/// <para>
/// A registration is named by its id: the keyed hash of its confirmation code, which is what it
/// is stored under. The id cannot be turned back into the code, so it opens no public route.
/// </para>
/// </summary>
public sealed class RegistrationDataRequests(
    StorageAccount storage,
    RegistrantIndex index,
    WorkshopCatalog workshops,
    RegistrationRecords records,
    RegistrationErasure erasure,
    AuditLog audit,
    PiiProtector pii)
{
    public const int MinReason = 10;
    public const int MaxReason = 500;

    private static readonly string[] KeyFields = ["phone", "email", "nationalId"];
    private static readonly LocalizedText OneKey = new("ระบุอย่างใดอย่างหนึ่ง: phone, email หรือ nationalId", "Give exactly one of phone, email and nationalId.");

    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.RegistrationCodesTable);

    /// <summary>Whether <paramref name="id"/> has the shape of a registration id (64 lowercase hex digits).</summary>
    public static bool IsValidId(string id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// The body <c>{"phone"}</c>, <c>{"email"}</c> or <c>{"nationalId"}</c>, exactly one, read as
    /// registration reads it (a Thai phone in any usual spelling, an email in any case, a national
    /// id with or without dashes); null with <paramref name="errors"/> naming the field otherwise.
    /// </summary>
    public static (RegistrantKey Kind, string Value)? ReadKey(JsonElement body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = JsonFields.ForBody(body, errors);
        if (fields is null)
        {
            return null;
        }

        var given = KeyFields.Where(fields.IsPresent).ToArray();
        if (given.Length != 1)
        {
            foreach (var field in given.Length == 0 ? KeyFields : given)
            {
                errors.Add(field, OneKey);
            }

            return null;
        }

        switch (given[0])
        {
            case "phone":
                var phone = fields.Text("phone", required: true, 32);
                if (phone is not null && ContactFormats.TryNormalizeThaiPhone(phone, out var normalizedPhone))
                {
                    return (RegistrantKey.Phone, normalizedPhone);
                }

                if (phone is not null)
                {
                    errors.Add("phone", Messages.InvalidPhone);
                }

                return null;
            case "email":
                var email = fields.Text("email", required: true, 254)?.ToLowerInvariant();
                if (email is not null && ContactFormats.IsEmail(email))
                {
                    return (RegistrantKey.Email, email);
                }

                if (email is not null)
                {
                    errors.Add("email", Messages.InvalidEmail);
                }

                return null;
            default:
                var nationalId = fields.Text("nationalId", required: true, 20);
                if (nationalId is not null && ContactFormats.TryNormalizeThaiNationalId(nationalId, out var normalizedId))
                {
                    return (RegistrantKey.NationalId, normalizedId);
                }

                if (nationalId is not null)
                {
                    errors.Add("nationalId", Messages.InvalidNationalId);
                }

                return null;
        }
    }

    /// <summary>
    /// The person's registrations in the officer's scope, newest first, each with the name given
    /// (to match the letter). Each one found is audited before its name is opened; a search that
    /// finds none in scope is audited too, so the trail shows every search.
    /// </summary>
    public async Task<(IReadOnlyList<RegistrationMatch>? Matches, ValidationErrors Errors)> FindAsync(StaffMember staff, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        if (ReadKey(body, errors) is not { } key)
        {
            return (null, errors);
        }

        var found = new List<(WorkshopEntity Workshop, int Region, RegistrationEntity Row)>();
        foreach (var (workshopId, rowKey) in await index.FindAsync(index.KeyOf(key.Kind, key.Value), cancellationToken))
        {
            var workshop = await workshops.FindAsync(workshopId, cancellationToken);
            var region = workshop is null ? (int?)null : workshops.RegionOf(workshop);
            if (workshop is null || region is null || !staff.Scope.Covers(region.Value)
                || await _registrations.FindAsync<RegistrationEntity>(workshopId, rowKey, cancellationToken) is not { } row)
            {
                continue;
            }

            found.Add((workshop, region.Value, row));
        }

        var by = $"by {KeyName(key.Kind)}";
        if (found.Count == 0)
        {
            await audit.RecordAsync(staff, new AuditEntry(AuditActions.RegistrationFind, OnlyRegionOf(staff), Detail: $"{by}; none in scope"), cancellationToken);
            return ([], errors);
        }

        foreach (var (workshop, region, row) in found)
        {
            await audit.RecordAsync(staff, new AuditEntry(AuditActions.RegistrationFind, region, Target: IdOf(row), Detail: by), cancellationToken);
        }

        return (found
            .OrderByDescending(f => f.Row.CreatedAt)
            .Select(f => new RegistrationMatch(
                IdOf(f.Row), f.Workshop.RowKey, f.Workshop.Title, f.Workshop.StartsAt, f.Region, EnumNames.Parse<RegistrationStatus>(f.Row.Status),
                f.Row.CreatedAt, RegistrationRecords.AttendeeOf(pii, f.Workshop.RowKey, f.Row)?.FullName, f.Row.ErasedAt))
            .ToArray(), errors);
    }

    /// <summary>Everything held about one registration, for a copy to send; audited before it is opened. Null when not in scope.</summary>
    public async Task<RegistrationExport?> ExportAsync(StaffMember staff, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await InScopeAsync(staff, id, cancellationToken) is not { } found)
        {
            return null;
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.RegistrationExport, found.Region, Target: id), cancellationToken);
        return new RegistrationExport(id, found.Region, await records.DataOfAsync(found.WorkshopId, found.Row, cancellationToken));
    }

    /// <summary>
    /// Erases one registration's personal fields (as a withdrawal of consent does), body
    /// <c>{"reason"}</c>: the letter's reference, kept in the audit trail. Audited before anything is erased.
    /// </summary>
    public async Task<(ErasureOutcome? Outcome, ValidationErrors Errors)> EraseAsync(StaffMember staff, string id, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var reason = JsonFields.ForBody(body, errors)?.Text("reason", required: true, MaxReason, MinReason, multiline: true);
        if (reason is null)
        {
            return (null, errors);
        }

        if (await InScopeAsync(staff, id, cancellationToken) is not { } found)
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.RegistrationErase, found.Region, Target: id, Detail: $"reason: {reason}"), cancellationToken);
        return (await erasure.EraseAsync(found.WorkshopId, found.Row.RowKey, consentWithdrawn: false, cancellationToken), errors);
    }

    private static string IdOf(RegistrationEntity row) => row.RowKey[2..];

    private static string KeyName(RegistrantKey kind) => kind switch
    {
        RegistrantKey.Phone => "phone",
        RegistrantKey.Email => "email",
        _ => "nationalId",
    };

    /// <summary>The region a search with no result is recorded under: the officer's own when they have one, else none (head office's).</summary>
    private static int? OnlyRegionOf(StaffMember staff) => staff.Scope.Regions is [var only] ? only : null;

    private async Task<(string WorkshopId, int Region, RegistrationEntity Row)?> InScopeAsync(StaffMember staff, string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id)
            || await _codes.FindAsync<RegistrationCodeEntity>(id[..2], id, cancellationToken) is not { } code
            || await workshops.FindAsync(code.WorkshopId, cancellationToken) is not { } workshop)
        {
            return null;
        }

        // Another region's registration answers as one that does not exist.
        var region = workshops.RegionOf(workshop);
        var row = staff.Scope.Covers(region) ? await _registrations.FindAsync<RegistrationEntity>(code.WorkshopId, RegistrationEntity.RowOf(id), cancellationToken) : null;
        return row is null ? null : (code.WorkshopId, region, row);
    }
}

/// <summary>A registration found for a request by letter: enough to tell which is the writer's; <c>fullName</c> is null once erased.</summary>
public sealed record RegistrationMatch(
    string Id,
    string WorkshopId,
    string WorkshopTitle,
    DateTimeOffset WorkshopStartsAt,
    int Region,
    RegistrationStatus Status,
    DateTimeOffset CreatedAt,
    string? FullName,
    DateTimeOffset? ErasedAt);

/// <summary>One registration exported for a request by letter: its id, its workshop's region and everything held.</summary>
public sealed record RegistrationExport(string Id, int Region, RegistrationData Registration);
