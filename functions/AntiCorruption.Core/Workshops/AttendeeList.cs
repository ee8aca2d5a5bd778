using System.Globalization;
using System.Text;
using AntiCorruption.Core.Exports;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using MiniExcelLibs;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// The attendee list staff print or open at the door: CSV (UTF-8 with a BOM, so Excel shows Thai)
/// and XLSX, with Thai headers and Bangkok times in the Buddhist calendar, no cell able to start a
/// formula; and JSON for the door staff's screen, the same people with their seat status as values.
/// </summary>
public sealed class AttendeeList(RegistrationLookup lookup, PiiProtector pii, ReferenceCatalog catalog)
{
    public static readonly string[] Headers = ["ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง", "หน่วยงาน", "จังหวัด", "สถานะ", "เวลาเช็กอิน"];

    /// <summary>
    /// Everyone registered, in the order seats were decided: what the door needs to find a person
    /// and see whether they may come in. No contact details: the door does not phone anyone. A
    /// registration whose person was erased (<see cref="RegistrationErasure"/>) is no longer
    /// anyone's and is left out; one checked in before keeps the name its attendance record needs.
    /// </summary>
    public async Task<IReadOnlyList<AttendeeEntry>> EntriesAsync(string workshopId, CancellationToken cancellationToken)
    {
        var registrations = (await lookup.AllAsync(workshopId, cancellationToken)).Where(r => r.Attendee.Length > 0);
        return registrations.Select((r, i) =>
        {
            var attendee = pii.OpenJson<Attendee>(r.Attendee, RegistrationCodes.AttendeeContext(workshopId, r.RowKey[2..]));
            return new AttendeeEntry(
                i + 1, attendee.FullName, attendee.Position, attendee.Agency, attendee.Province,
                catalog.FindProvince(attendee.Province)?.NameTh, EnumNames.Parse<RegistrationStatus>(r.Status), r.CheckedInAt);
        }).ToArray();
    }

    public async Task<IReadOnlyList<string[]>> RowsAsync(string workshopId, CancellationToken cancellationToken) =>
        (await EntriesAsync(workshopId, cancellationToken)).Select(e => new[]
        {
            e.Number.ToString(CultureInfo.InvariantCulture),
            SpreadsheetSafe.Cell(e.FullName),
            SpreadsheetSafe.Cell(e.Position),
            SpreadsheetSafe.Cell(e.Agency),
            e.ProvinceName ?? SpreadsheetSafe.Cell(e.Province),
            StatusTh(e.Status),
            e.CheckedInAt is null ? "" : ThaiCalendar.Format(e.CheckedInAt.Value),
        }).ToArray();

    public async Task WriteCsvAsync(string workshopId, Stream output, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(workshopId, cancellationToken);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Headers.Select(SpreadsheetSafe.CsvField)) + "\r\n");
        foreach (var row in rows)
        {
            await writer.WriteAsync(string.Join(',', row.Select(SpreadsheetSafe.CsvField)) + "\r\n");
        }
    }

    public async Task WriteXlsxAsync(string workshopId, Stream output, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(workshopId, cancellationToken);
        var sheet = rows.Select(row => Headers.Zip(row).ToDictionary(p => p.First, p => (object)p.Second)).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(Headers.ToDictionary(h => h, _ => (object)""));
        }

        await output.SaveAsAsync(sheet, sheetName: "ผู้เข้าร่วม", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    private static string StatusTh(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "ยืนยันแล้ว",
        RegistrationStatus.Waitlisted => "รอคิว",
        RegistrationStatus.Cancelled => "ยกเลิก",
        RegistrationStatus.CheckedIn => "เช็กอินแล้ว",
        _ => "รอดำเนินการ",
    };
}

/// <summary>One attendee as the JSON list shows it: <c>province</c> is the code, <c>provinceName</c> its Thai name.</summary>
public sealed record AttendeeEntry(
    int Number,
    string FullName,
    string? Position,
    string? Agency,
    string Province,
    string? ProvinceName,
    RegistrationStatus Status,
    DateTimeOffset? CheckedInAt);
