using System.Globalization;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Summaries;

/// <summary>Thai labels and Buddhist-calendar dates for the summary's tables.</summary>
internal static class SummaryLabels
{
    public static string Region(ReferenceCatalog catalog, string id) =>
        catalog.Regions.FirstOrDefault(r => r.Id.ToString(CultureInfo.InvariantCulture) == id)?.NameTh ?? id;

    /// <summary>Whose figures a report holds: the whole office, or one region by its name.</summary>
    public static string Scope(ReferenceCatalog catalog, string scope) =>
        scope.StartsWith("region-", StringComparison.Ordinal) ? Region(catalog, scope["region-".Length..]) : "สำนักงาน ป.ป.ท. (ทั่วประเทศ)";

    public static string Province(ReferenceCatalog catalog, string code) => catalog.FindProvince(code)?.NameTh ?? code;

    public static string Category(ReferenceCatalog catalog, string id) => catalog.FindCategory(id)?.NameTh ?? id;

    public static string Status(string status) => status switch
    {
        "received" => "ได้รับเรื่อง",
        "registered" => "ลงทะเบียนรับเรื่อง",
        "under_review" => "อยู่ระหว่างตรวจสอบ",
        "referred" => "ส่งต่อหน่วยงาน",
        "closed" => "ยุติเรื่อง",
        "dismissed" => "ไม่รับไว้พิจารณา",
        _ => status,
    };

    public static string Channel(string channel) => channel switch
    {
        "web" => "เว็บไซต์",
        "line" => "LINE",
        _ => channel,
    };

    /// <summary>Said beside the "acknowledged within 7 days" figure: what it counts and over how many complaints.</summary>
    public static string AcknowledgedWithin7DaysNote(long counted) =>
        string.Create(CultureInfo.InvariantCulture, $"นับเฉพาะเรื่องที่รับทราบแล้วหรือพ้นกำหนด 7 วันแล้ว ({counted:N0} เรื่อง)");

    /// <summary>A share as a percentage to one decimal, or a dash when there is nothing to count yet.</summary>
    public static string Percent(double? share) => share is null ? "–" : share.Value.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>"2026-10" as "ต.ค. 2569".</summary>
    public static string Month(string yearMonth) =>
        DateTime.ParseExact(yearMonth, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMM yyyy", ThaiCalendar.Culture);

    public static string Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToString("d MMMM yyyy", ThaiCalendar.Culture);

    public static string Time(DateTimeOffset instant) => ThaiCalendar.Format(instant, "d MMMM yyyy HH:mm") + " น.";
}
