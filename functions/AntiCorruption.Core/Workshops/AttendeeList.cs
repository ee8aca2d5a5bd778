using System.Globalization;
using System.Text;
using AntiCorruption.Core.Exports;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using MiniExcelLibs;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// The attendee list staff print or open at the door: CSV (UTF-8 with a BOM, so Excel shows Thai)
/// and XLSX, with Thai headers and Bangkok times in the Buddhist calendar. No cell can start a formula.
/// </summary>
public sealed class AttendeeList(RegistrationDesk desk, PiiProtector pii, ReferenceCatalog catalog)
{
    public static readonly string[] Headers = ["ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง", "หน่วยงาน", "จังหวัด", "สถานะ", "เวลาเช็กอิน"];

    public async Task<IReadOnlyList<string[]>> RowsAsync(string workshopId, CancellationToken cancellationToken)
    {
        var registrations = await desk.AllAsync(workshopId, cancellationToken);
        return registrations.Select((r, i) =>
        {
            var attendee = pii.OpenJson<Attendee>(r.Attendee, RegistrationCodes.AttendeeContext(workshopId, r.RowKey[2..]));
            return new[]
            {
                (i + 1).ToString(CultureInfo.InvariantCulture),
                SpreadsheetSafe.Cell(attendee.FullName),
                SpreadsheetSafe.Cell(attendee.Position),
                SpreadsheetSafe.Cell(attendee.Agency),
                catalog.FindProvince(attendee.Province)?.NameTh ?? attendee.Province,
                StatusTh(r.Status),
                r.CheckedInAt is null ? "" : ThaiCalendar.Format(r.CheckedInAt.Value),
            };
        }).ToArray();
    }

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

    private static string StatusTh(string status) => status switch
    {
        "confirmed" => "ยืนยันแล้ว",
        "waitlisted" => "รอคิว",
        "cancelled" => "ยกเลิก",
        "checked_in" => "เช็กอินแล้ว",
        _ => "รอดำเนินการ",
    };
}
