using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Time;
using AntiCorruption.Functions.Pages;
using static System.Net.WebUtility;

namespace AntiCorruption.Functions.Statistics;

/// <summary>
/// The public statistics page, drawn on the server from the compiled figures: plain HTML with
/// tables, no script at all, so it works with JavaScript off and its Content-Security-Policy
/// allows nothing but its own style (by hash). Thai, or English with <c>?lang=en</c>; the year
/// links and the language link are ordinary links. Every text from the figures is HTML-encoded.
/// </summary>
public sealed partial class StatisticsPageContent
{
    private readonly string _template;

    public StatisticsPageContent()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("AntiCorruption.Functions.Pages.statistics.html")
            ?? throw new InvalidOperationException("Page statistics.html is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        _template = reader.ReadToEnd();
        var style = InlineStyle().Match(_template).Groups[1].Value;
        ContentSecurityPolicy = $"default-src 'none'; script-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'; "
            + "img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    /// <summary>The same for every answer: the style is fixed, and the page has no script.</summary>
    public string ContentSecurityPolicy { get; }

    /// <summary>The page of what the store found: the year's figures with links to the years there are, or that nothing is published yet.</summary>
    public HtmlPage Render(StatisticsLookup lookup, bool english)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var w = english ? Words.English : Words.Thai;
        var html = new StringBuilder();
        var year = lookup.Statistics?.FiscalYear ?? lookup.FiscalYear;
        var otherLanguage = Link(year, !english);
        html.Append(CultureInfo.InvariantCulture, $"""
            <header>
              <h1>{w.Title}</h1>
              <a class="lang" href="{otherLanguage}" lang="{(english ? "th" : "en")}" hreflang="{(english ? "th" : "en")}">{(english ? "ภาษาไทย" : "English")}</a>
            </header>
            <main>

            """);
        YearLinks(html, w, lookup.Years, year, english);
        if (lookup.Statistics is { } s)
        {
            Figures(html, w, s, english);
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\" role=\"status\">{HtmlEncode(w.NothingPublished)}</p>\n");
        }

        html.Append("</main>\n");
        if (lookup.Statistics is { } shown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<footer><p>{w.Footer} <a href=\"public/statistics?fiscalYear={shown.FiscalYear}\">JSON</a></p></footer>\n");
        }

        var title = year is { } t && lookup.Statistics is not null ? $"{w.Title} {w.FiscalYear} {t}" : w.Title;
        var page = _template.Replace("__LANG__", english ? "en" : "th", StringComparison.Ordinal)
            .Replace("__TITLE__", HtmlEncode(title + " · " + w.Office), StringComparison.Ordinal)
            .Replace("__CONTENT__", html.ToString(), StringComparison.Ordinal);
        return new HtmlPage(page, ContentSecurityPolicy, PagePermissions.None);
    }

    private static void YearLinks(StringBuilder html, Words w, IReadOnlyList<int> years, int? shown, bool english)
    {
        if (years.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<nav aria-labelledby=\"years-label\"><p id=\"years-label\" class=\"hint\">{w.FiscalYearsLabel}</p><ul class=\"years\">\n");
        foreach (var y in years)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Link(y, english)}\"{(y == shown ? " aria-current=\"page\"" : "")}>{y}</a></li>\n");
        }

        html.Append("</ul></nav>\n");
    }

    private static void Figures(StringBuilder html, Words w, YearStatistics s, bool english)
    {
        var c = s.Complaints;
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="year">{w.FiscalYear} {s.FiscalYear}</h2>
            <p>{HtmlEncode(string.Format(CultureInfo.InvariantCulture, w.Period, Date(s.Period.From, english), Date(s.Period.To, english), Date(s.DataUntil, english), Date(s.PublishedOn, english)))}</p>
            <p class="note">{HtmlEncode(string.Format(CultureInfo.InvariantCulture, w.Rule, s.Threshold))}</p>
            <dl class="cards">
            <div><dt>{w.Total}</dt><dd>{Count(c.Total.Count, c.Total.Suppressed, w)}</dd></div>
            <div><dt>{w.AcknowledgedShare}</dt><dd>{Percent(s.Acknowledgement.WithinDeadlinePercent)}</dd></div>
            <div><dt>{w.AcknowledgedMedian}</dt><dd>{Days(s.Acknowledgement.MedianDays, w)}</dd></div>
            <div><dt>{w.FeedbackShare}</dt><dd>{Percent(s.Feedback.WithinDeadlinePercent)}</dd></div>
            <div><dt>{w.FeedbackMedian}</dt><dd>{Days(s.Feedback.MedianDays, w)}</dd></div>
            </dl>
            <p class="hint">{HtmlEncode(string.Format(CultureInfo.InvariantCulture, w.TimesNote, PublicStatisticsBuilder.MinimumCases))}</p>

            """);

        Table(html, w, "by-month", w.ByMonth, w.Month, c.ByMonth.Select(m => (Month(m.Month, english), m.Count, m.Suppressed)));
        Table(html, w, "by-region", w.ByRegion, w.Region, c.ByRegion.Select(r => (english ? r.NameEn : r.NameTh, r.Count, r.Suppressed)));
        Table(html, w, "by-category", w.ByCategory, w.Category, c.ByCategory.Select(r => (english ? r.NameEn : r.NameTh, r.Count, r.Suppressed)));
        Table(html, w, "by-status", w.ByStatus, w.Status, c.ByStatus.Select(r => (english ? r.NameEn : r.NameTh, r.Count, r.Suppressed)));

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"by-province\">{w.ByProvince}</h2>\n<table aria-labelledby=\"by-province\"><thead><tr><th scope=\"col\">{w.Province}</th><th scope=\"col\" class=\"n\">{w.Complaints}</th></tr></thead>\n");
        var names = english ? StringComparer.Ordinal : StringComparer.Create(ThaiCalendar.Culture, false);
        foreach (var region in c.ByRegion)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tbody><tr><th scope=\"rowgroup\" colspan=\"2\">{HtmlEncode(english ? region.NameEn : region.NameTh)}</th></tr>\n");
            foreach (var p in c.ByProvince.Where(p => p.Region == region.Region).OrderBy(p => english ? p.NameEn : p.NameTh, names))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlEncode(english ? p.NameEn : p.NameTh)}</th><td class=\"n\">{Count(p.Count, p.Suppressed, w)}</td></tr>\n");
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table>\n");

        var k = s.Workshops;
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="workshops">{w.Workshops}</h2>
            <dl class="cards">
            <div><dt>{w.Held}</dt><dd>{k.Held.ToString("N0", CultureInfo.InvariantCulture)}</dd></div>
            <div><dt>{w.Registered}</dt><dd>{Count(k.Registered.Count, k.Registered.Suppressed, w)}</dd></div>
            <div><dt>{w.Attended}</dt><dd>{Count(k.Attended.Count, k.Attended.Suppressed, w)}</dd></div>
            <div><dt>{w.AttendanceShare}</dt><dd>{Percent(k.AttendancePercent)}</dd></div>
            </dl>
            <table aria-labelledby="workshops"><thead><tr><th scope="col">{w.Region}</th><th scope="col" class="n">{w.Held}</th><th scope="col" class="n">{w.Attended}</th></tr></thead><tbody>

            """);
        foreach (var r in k.ByRegion)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlEncode(english ? r.NameEn : r.NameTh)}</th><td class=\"n\">{r.Held.ToString("N0", CultureInfo.InvariantCulture)}</td><td class=\"n\">{Count(r.Attended.Count, r.Attended.Suppressed, w)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Table(StringBuilder html, Words w, string id, string heading, string column, IEnumerable<(string Name, long? Count, Suppression? Suppressed)> rows)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{id}\">{heading}</h2>\n<table aria-labelledby=\"{id}\"><thead><tr><th scope=\"col\">{column}</th><th scope=\"col\" class=\"n\">{w.Complaints}</th></tr></thead><tbody>\n");
        foreach (var (name, count, suppressed) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlEncode(name)}</th><td class=\"n\">{Count(count, suppressed, w)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>A count as the page shows it: the number, "&lt;5", or the word for withheld.</summary>
    private static string Count(long? count, Suppression? suppressed, Words w) =>
        count is { } n ? n.ToString("N0", CultureInfo.InvariantCulture)
        : suppressed == Suppression.Small ? HtmlEncode("<" + DisclosureControl.Threshold)
        : w.Withheld;

    private static string Percent(int? percent) => percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : "–";

    private static string Days(int? days, Words w) => days is { } d ? string.Format(CultureInfo.InvariantCulture, w.DaysFormat, d) : "–";

    private static string Link(int? year, bool english)
    {
        var query = new List<string>();
        if (year is { } y)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"fiscalYear={y}"));
        }

        if (english)
        {
            query.Add("lang=en");
        }

        return "statistics" + (query.Count > 0 ? "?" + string.Join("&amp;", query) : "");
    }

    private static string Date(DateOnly date, bool english) =>
        english ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : ThaiCalendar.Format(date);

    private static string Month(string yearMonth, bool english)
    {
        var month = DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return english ? month.ToString("MMM yyyy", CultureInfo.InvariantCulture) : ThaiCalendar.Format(month, "MMM yyyy");
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();

    /// <summary>The page's words in one language (HTML-safe as written).</summary>
    private sealed record Words(
        string Office, string Title, string FiscalYear, string FiscalYearsLabel, string Period, string Rule, string Total, string Complaints,
        string AcknowledgedShare, string AcknowledgedMedian, string FeedbackShare, string FeedbackMedian, string DaysFormat, string TimesNote,
        string ByMonth, string Month, string ByRegion, string Region, string ByCategory, string Category, string ByStatus, string Status,
        string ByProvince, string Province, string Workshops, string Held, string Registered, string Attended, string AttendanceShare,
        string Withheld, string NothingPublished, string Footer)
    {
        public static Words Thai { get; } = new(
            "สำนักงาน ป.ป.ท.",
            "สถิติเรื่องร้องเรียนและการอบรม",
            "ปีงบประมาณ พ.ศ.",
            "เลือกปีงบประมาณ",
            "ช่วงปีงบประมาณ {0} ถึง {1} · นับเรื่องที่ได้รับถึงวันที่ {2} (นับเป็นเดือนเต็ม) · ปรับปรุงเมื่อ {3}",
            "เพื่อไม่ให้ระบุตัวผู้ร้องเรียนได้ จำนวนที่น้อยกว่า {0} (รวมถึง 0) แสดงเป็น \"<{0}\" และบางช่องแสดงเป็น \"ปกปิด\" เพื่อไม่ให้คำนวณย้อนกลับจากยอดรวมได้ ไม่มีชื่อหน่วยงาน ข้อความ หรือข้อมูลของเรื่องใดเรื่องหนึ่ง",
            "เรื่องร้องเรียนทั้งหมด",
            "จำนวนเรื่อง",
            "รับเรื่องภายใน 7 วัน",
            "มัธยฐานวันจนรับเรื่อง",
            "แจ้งความคืบหน้าภายใน 3 เดือน",
            "มัธยฐานวันจนแจ้งความคืบหน้า",
            "{0} วัน",
            "สัดส่วนปัดลงเป็นร้อยละเต็ม มัธยฐานปัดลงเป็นวันเต็ม และไม่แสดงเมื่อมีไม่ถึง {0} เรื่อง",
            "เรื่องร้องเรียนรายเดือน", "เดือนที่ได้รับเรื่อง",
            "ตามสำนักงานเขต", "สำนักงาน",
            "ตามประเภท", "ประเภท",
            "ตามสถานะ", "สถานะ",
            "ตามจังหวัด", "จังหวัด",
            "การอบรม", "จำนวนครั้งที่จัด", "ผู้ลงทะเบียน", "ผู้เข้าร่วม", "อัตราการเข้าร่วม",
            "ปกปิด",
            "ยังไม่มีการเผยแพร่สถิติ",
            "ข้อมูลชุดเดียวกันในรูปแบบ");

        public static Words English { get; } = new(
            "PACC",
            "Complaint and workshop statistics",
            "Fiscal year B.E.",
            "Choose a fiscal year",
            "Fiscal year {0} to {1} · complaints received up to {2} (whole months) · updated {3}",
            "So that no reporter can be singled out, counts under {0} (0 included) are shown as \"<{0}\", and some cells are shown as \"withheld\" so that a small count cannot be worked back from the totals. There are no agency names, no text and nothing from a single case.",
            "All complaints",
            "Complaints",
            "Acknowledged within 7 days",
            "Median days to acknowledgement",
            "Feedback within 3 months",
            "Median days to feedback",
            "{0} days",
            "Shares are rounded down to a whole percent and medians to whole days; neither is shown over fewer than {0} complaints.",
            "Complaints by month", "Month received",
            "By PACC office", "Office",
            "By category", "Category",
            "By status", "Status",
            "By province", "Province",
            "Workshops", "Held", "Registered", "Attended", "Attendance",
            "withheld",
            "No statistics have been published yet.",
            "The same figures as");
    }
}
