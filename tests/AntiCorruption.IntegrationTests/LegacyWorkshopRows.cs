using System.Security.Cryptography;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Workshops, seat ledgers and registrations written raw with <see cref="TableClient"/>, column by
/// column, in the shape the first version stored (commit cccdc25: no pending line, no guards row
/// needed to read), so that tests read old data through today's code rather than today's types.
/// </summary>
internal static class LegacyWorkshopRows
{
    /// <summary>A workshop row; <paramref name="storedRegion"/> as it was written, which need not be its province's region today.</summary>
    public static async Task<string> WorkshopAsync(AppHost app, string province, int storedRegion, DateTimeOffset startsAt, int capacity, bool withLedger = true)
    {
        var id = "legacy-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await app.Storage.Table(StorageNames.WorkshopsTable).AddEntityAsync(new TableEntity(WorkshopEntity.Partition, id)
        {
            ["Title"] = $"อบรมที่บันทึกไว้ก่อน {province}",
            ["FiscalYear"] = FiscalYear.Of(startsAt).BuddhistYear,
            ["Region"] = storedRegion,
            ["Province"] = province,
            ["Venue"] = "หอประชุมอำเภอ",
            ["StartsAt"] = startsAt,
            ["EndsAt"] = startsAt.AddHours(7),
            ["Capacity"] = capacity,
            ["RegistrationDeadline"] = startsAt.AddDays(-3),
        });
        if (withLedger)
        {
            await app.Storage.Table(StorageNames.RegistrationsTable).AddEntityAsync(new TableEntity(id, "ledger")
            {
                ["Capacity"] = capacity, ["Confirmed"] = 0, ["Waitlisted"] = 0, ["CheckedIn"] = 0, ["NextSequence"] = 0L,
            });
        }

        return id;
    }

    /// <summary>A decided registration row, the attendee sealed as the app seals it, and the ledger counted to match.</summary>
    /// <param name="code">A confirmation code to find it by, with its row in the codes index as the first version wrote it; none by default.</param>
    public static async Task RegistrationAsync(AppHost app, string workshopId, string fullName, string status, long sequence, DateTimeOffset createdAt, DateTimeOffset? checkedInAt = null, string? code = null)
    {
        var codeHash = code is null ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : RegistrationCodes.Hash(app.Service<KeyedHasher>(), code);
        if (code is not null)
        {
            await app.Storage.Table(StorageNames.RegistrationCodesTable).AddEntityAsync(new TableEntity(codeHash[..2], codeHash) { ["WorkshopId"] = workshopId });
        }

        var pii = app.Service<PiiProtector>();
        var table = app.Storage.Table(StorageNames.RegistrationsTable);
        await table.AddEntityAsync(new TableEntity(workshopId, "r-" + codeHash)
        {
            ["Status"] = status,
            ["Sequence"] = sequence,
            ["CreatedAt"] = createdAt,
            ["DecidedAt"] = createdAt.AddSeconds(2),
            ["CheckedInAt"] = checkedInAt,
            ["Province"] = "TH-86",
            ["Attendee"] = pii.SealJson(new Attendee(fullName, "ปลัดอำเภอ", "ที่ว่าการอำเภอ", "TH-86", "0812345678", null, null), RegistrationCodes.AttendeeContext(workshopId, codeHash)),
            ["Code"] = Array.Empty<byte>(),
            ["Guards"] = "",
        });
        var ledger = (await table.GetEntityIfExistsAsync<TableEntity>(workshopId, "ledger")).Value;
        if (ledger is not null)
        {
            ledger["Confirmed"] = ledger.GetInt32("Confirmed")!.Value + (status is "confirmed" or "checked_in" ? 1 : 0);
            ledger["Waitlisted"] = ledger.GetInt32("Waitlisted")!.Value + (status == "waitlisted" ? 1 : 0);
            ledger["CheckedIn"] = ledger.GetInt32("CheckedIn")!.Value + (status == "checked_in" ? 1 : 0);
            ledger["NextSequence"] = sequence;
            await table.UpdateEntityAsync(ledger, ledger.ETag, TableUpdateMode.Replace);
        }
    }
}
