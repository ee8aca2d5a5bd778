using AntiCorruption.Core.Exports;
using AntiCorruption.Core.ReferenceData;
using MiniExcelLibs;

namespace AntiCorruption.Core.Summaries;

/// <summary>report.xlsx: one sheet per table, Thai headers, counts and shares as numbers Excel can sum.</summary>
internal static class SummaryWorkbook
{
    public static Task WriteAsync(FiscalYearSummary s, ReferenceCatalog catalog, Stream stream, CancellationToken cancellationToken)
    {
        var c = s.Complaints;
        var sheets = new Dictionary<string, object>
        {
            ["สรุป"] = new List<Dictionary<string, object>>
            {
                Row("หัวข้อ", "ปีงบประมาณ", "ค่า", s.FiscalYear),
                Row("หัวข้อ", "เรื่องร้องเรียนทั้งหมด", "ค่า", c.Total),
                Row("หัวข้อ", "สัดส่วนไม่เปิดเผยตัวตน", "ค่า", c.AnonymousShare),
                Row("หัวข้อ", "สัดส่วนรับเรื่องภายใน 7 วัน", "ค่า", c.AcknowledgedWithin7DaysShare),
                Row("หัวข้อ", "มัธยฐานจำนวนวันจนยุติเรื่อง", "ค่า", c.MedianDaysToClose ?? (object)""),
                Row("หัวข้อ", "ผู้ลงทะเบียนอบรมทั้งหมด", "ค่า", s.Registrations.Total),
            },
            ["ตามเขต"] = Counts("เขต", c.ByRegion, id => SummaryLabels.Region(catalog, id)),
            ["ตามจังหวัด"] = Counts("จังหวัด", c.ByProvince, code => SummaryLabels.Province(catalog, code)),
            ["ตามประเภท"] = Counts("ประเภท", c.ByCategory, id => SummaryLabels.Category(catalog, id)),
            ["ตามสถานะ"] = Counts("สถานะ", c.ByStatus, SummaryLabels.Status),
            ["ตามช่องทาง"] = Counts("ช่องทาง", c.ByChannel, SummaryLabels.Channel),
            ["ตามเดือน"] = Counts("เดือน", c.ByMonth, SummaryLabels.Month),
            ["การอบรม"] = s.Registrations.ByWorkshop.Select(w => new Dictionary<string, object>
            {
                ["รหัสการอบรม"] = w.WorkshopId,
                ["ชื่อการอบรม"] = SpreadsheetSafe.Cell(w.Title),
                ["จังหวัด"] = SummaryLabels.Province(catalog, w.Province),
                ["ที่นั่ง"] = w.Capacity,
                ["ยืนยันแล้ว"] = w.Confirmed,
                ["รอคิว"] = w.Waitlisted,
                ["ยกเลิก"] = w.Cancelled,
                ["เช็กอิน"] = w.CheckedIn,
                ["อัตราการเข้าร่วม"] = w.AttendanceRate,
            }).DefaultIfEmpty(new Dictionary<string, object> { ["รหัสการอบรม"] = "" }).ToList(),
            ["จังหวัดนำร่อง"] = s.PilotProvinces.Select(p => new Dictionary<string, object>
            {
                ["รหัสจังหวัด"] = p.Code,
                ["จังหวัด"] = p.NameTh,
                ["เขต"] = p.Region,
            }).DefaultIfEmpty(new Dictionary<string, object> { ["รหัสจังหวัด"] = "" }).ToList(),
        };
        return stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object> Row(string keyHeader, string key, string valueHeader, object value) =>
        new() { [keyHeader] = key, [valueHeader] = value };

    private static List<Dictionary<string, object>> Counts(string header, IReadOnlyDictionary<string, long> counts, Func<string, string> label) =>
        counts.Select(p => new Dictionary<string, object> { ["รหัส"] = p.Key, [header] = SpreadsheetSafe.Cell(label(p.Key)), ["จำนวนเรื่อง"] = p.Value })
            .DefaultIfEmpty(new Dictionary<string, object> { ["รหัส"] = "", [header] = "", ["จำนวนเรื่อง"] = 0L })
            .ToList();
}
