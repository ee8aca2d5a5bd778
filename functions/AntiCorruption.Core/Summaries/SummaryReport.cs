using System.Globalization;
using System.Text;
using AntiCorruption.Core.ReferenceData;
using static System.Net.WebUtility;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// report.html: one self-contained Thai page (no scripts, fonts or images from elsewhere), dates
/// in the Buddhist calendar, inline SVG charts by month, region and category, laid out to print.
/// Every text from data is HTML-encoded.
/// </summary>
internal static class SummaryReport
{
    public static async Task WriteAsync(FiscalYearSummary s, ReferenceCatalog catalog, Stream stream, CancellationToken cancellationToken)
    {
        var c = s.Complaints;
        var scope = SummaryLabels.Scope(catalog, s.Scope);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="th">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>สรุปเรื่องร้องเรียนและการอบรม ปีงบประมาณ {s.FiscalYear}</title>
            <style>
            body{"{"}font-family:"Sarabun","TH Sarabun New","Noto Sans Thai",Tahoma,sans-serif;margin:2rem;color:#1a1a1a;line-height:1.5{"}"}
            h1{"{"}font-size:1.6rem;margin:0 0 .25rem{"}"} h2{"{"}font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #1f4e79{"}"}
            table{"{"}border-collapse:collapse;width:100%;margin:.5rem 0{"}"} th,td{"{"}border:1px solid #999;padding:.25rem .5rem;text-align:left{"}"}
            td.n{"{"}text-align:right;font-variant-numeric:tabular-nums{"}"} .cards{"{"}display:flex;gap:1rem;flex-wrap:wrap{"}"}
            .card{"{"}border:1px solid #1f4e79;padding:.5rem 1rem;min-width:10rem{"}"} .card b{"{"}display:block;font-size:1.4rem{"}"} .card small{"{"}display:block;max-width:14rem{"}"}
            svg text{"{"}font-size:12px;font-family:inherit{"}"} section{"{"}break-inside:avoid{"}"}
            @media print{"{"}body{"{"}margin:1cm{"}"} h2{"{"}break-after:avoid{"}"}{"}"}
            </style>
            </head>
            <body>
            <h1>สรุปเรื่องร้องเรียนและการอบรม ปีงบประมาณ พ.ศ. {s.FiscalYear}</h1>
            <p>{HtmlEncode(scope)} · ช่วงเวลา {SummaryLabels.Date(s.Period.From)} ถึง {SummaryLabels.Date(s.Period.To)} · จัดทำเมื่อ {SummaryLabels.Time(s.GeneratedAt)}</p>
            <div class="cards">
            <div class="card">เรื่องร้องเรียนทั้งหมด<b>{c.Total:N0}</b></div>
            <div class="card">ไม่เปิดเผยตัวตน<b>{c.AnonymousShare:P1}</b></div>
            <div class="card">รับเรื่องภายใน 7 วัน<b>{SummaryLabels.Percent(c.AcknowledgedWithin7DaysShare)}</b><small>{SummaryLabels.AcknowledgedWithin7DaysNote(c.AcknowledgedWithin7DaysBase)}</small></div>
            <div class="card">มัธยฐานวันจนยุติเรื่อง<b>{(c.MedianDaysToClose is null ? "–" : c.MedianDaysToClose.Value.ToString("0.#", CultureInfo.InvariantCulture) + " วัน")}</b></div>
            <div class="card">ผู้ลงทะเบียนอบรม<b>{s.Registrations.Total:N0}</b></div>
            </div>

            """);
        Section(html, "เรื่องร้องเรียนรายเดือน", c.ByMonth.Select(p => (SummaryLabels.Month(p.Key), p.Value)));
        Section(html, "เรื่องร้องเรียนตามเขต", c.ByRegion.Select(p => (SummaryLabels.Region(catalog, p.Key), p.Value)));
        Section(html, "เรื่องร้องเรียนตามประเภท", c.ByCategory.Select(p => (SummaryLabels.Category(catalog, p.Key), p.Value)));
        Section(html, "ตามสถานะ", c.ByStatus.Select(p => (SummaryLabels.Status(p.Key), p.Value)), chart: false);
        Section(html, "ตามช่องทาง", c.ByChannel.Select(p => (SummaryLabels.Channel(p.Key), p.Value)), chart: false);
        Section(html, "ตามจังหวัด", c.ByProvince.Select(p => (SummaryLabels.Province(catalog, p.Key), p.Value)), chart: false);

        html.Append("<section><h2>การอบรม</h2><table><tr><th>การอบรม</th><th>จังหวัด</th><th>วันที่</th><th>ที่นั่ง</th><th>ยืนยัน</th><th>รอคิว</th><th>ยกเลิก</th><th>เช็กอิน</th><th>อัตราการเข้าร่วม</th></tr>\n");
        foreach (var w in s.Registrations.ByWorkshop)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(w.Title)}</td><td>{HtmlEncode(SummaryLabels.Province(catalog, w.Province))}</td><td>{SummaryLabels.Time(w.StartsAt)}</td><td class=\"n\">{w.Capacity:N0}</td><td class=\"n\">{w.Confirmed:N0}</td><td class=\"n\">{w.Waitlisted:N0}</td><td class=\"n\">{w.Cancelled:N0}</td><td class=\"n\">{w.CheckedIn:N0}</td><td class=\"n\">{w.AttendanceRate:P1}</td></tr>\n");
        }

        html.Append("</table></section>\n<section><h2>จุดที่เรื่องร้องเรียนเพิ่มขึ้นผิดปกติ</h2>");
        html.Append(s.Hotspots.Count == 0 ? "<p>ไม่พบ</p>" : "<table><tr><th>ประเภท</th><th>หน่วยงาน/จังหวัด</th><th>30 วันล่าสุด</th><th>90 วันก่อนหน้า</th><th>ค่าความน่าจะเป็น</th></tr>\n");
        foreach (var h in s.Hotspots)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(h.Kind == "agency" ? "หน่วยงาน" : "จังหวัด")}</td><td>{HtmlEncode(h.Label)}</td><td class=\"n\">{h.Recent:N0}</td><td class=\"n\">{h.Baseline:N0}</td><td class=\"n\">{h.PValue:0.####}</td></tr>\n");
        }

        html.Append(s.Hotspots.Count == 0 ? "</section>\n" : "</table></section>\n");
        html.Append("<section><h2>จังหวัดนำร่อง</h2><p>");
        html.Append(s.PilotProvinces.Count == 0 ? "ไม่มีข้อมูลจังหวัดนำร่องของปีนี้" : string.Join(", ", s.PilotProvinces.Select(p => HtmlEncode($"{p.NameTh} (เขต {p.Region})"))));
        html.Append("</p></section>\n</body>\n</html>\n");
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(html.ToString()), cancellationToken);
    }

    private static void Section(StringBuilder html, string title, IEnumerable<(string Label, long Value)> rows, bool chart = true)
    {
        var data = rows.ToArray();
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{HtmlEncode(title)}</h2>\n");
        if (chart && data.Length > 0)
        {
            html.Append(BarChart(title, data));
        }

        html.Append("<table><tr><th>รายการ</th><th>จำนวนเรื่อง</th></tr>\n");
        foreach (var (label, value) in data)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(label)}</td><td class=\"n\">{value:N0}</td></tr>\n");
        }

        html.Append("</table></section>\n");
    }

    /// <summary>A horizontal bar chart as inline SVG, with a title for screen readers.</summary>
    private static string BarChart(string title, (string Label, long Value)[] data)
    {
        const int Row = 22, LabelWidth = 260, BarWidth = 420;
        var max = Math.Max(1, data.Max(d => d.Value));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 {LabelWidth + BarWidth + 60} {(data.Length * Row) + 10}\"><title>{HtmlEncode(title)}</title>\n");
        for (var i = 0; i < data.Length; i++)
        {
            var (label, value) = data[i];
            var y = (i * Row) + 5;
            var width = (int)Math.Round((double)value / max * BarWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{HtmlEncode(label.Length > 40 ? label[..39] + "…" : label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 2}\" width=\"{width}\" height=\"{Row - 6}\" fill=\"#1f4e79\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 14}\">{value:N0}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }
}
