using System.Globalization;
using System.Net;
using System.Text;
using AntiCorruption.Core.Notifications.Mail;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// The mails' words: Thai first, then the same in English, as plain text and as simple HTML with
/// every value encoded and no image fetched from anywhere (the QR code travels as an attachment).
/// What a reporter is sent never says what the case is about: a mail can be read over a shoulder
/// or by whoever else opens the mailbox.
/// </summary>
public static class MailTemplates
{
    private static readonly CultureInfo Thai = CultureInfo.CreateSpecificCulture("th-TH");
    private static readonly CultureInfo English = CultureInfo.CreateSpecificCulture("en-GB");

    public static RenderedMail ReporterNews() => Build(
        // A neutral subject: a mailbox's list of subjects is read by more people than its mails.
        "ข้อความจากสำนักงาน ป.ป.ท. / A message from PACC",
        ["มีความคืบหน้าเกี่ยวกับเรื่องที่ท่านแจ้งต่อสำนักงาน ป.ป.ท.",
         "กรุณาใช้รหัสติดตามเรื่องของท่านที่หน้าติดตามเรื่องบนเว็บไซต์ หรือส่งรหัสในแชตไลน์ของ ป.ป.ท. เพื่ออ่านรายละเอียด",
         "อีเมลนี้ไม่มีรายละเอียดของเรื่องเพื่อความปลอดภัยของท่าน และไม่ต้องตอบกลับ หยุดรับอีเมลนี้ได้ที่หน้าติดตามเรื่อง"],
        ["There is news on the report you made to PACC.",
         "Use your tracking code on the website's tracking page, or send it in PACC's LINE chat, to read it.",
         "For your safety this mail says nothing about the report. Please do not reply. You can stop these mails on the tracking page."]);

    /// <summary>
    /// The one mail before any news: whoever owns the address confirms it with this code and the
    /// report's tracking code, which only the reporter has; anyone else is told to ignore it.
    /// </summary>
    public static RenderedMail ReporterEmailConfirmation(string code) => Build(
        "ข้อความจากสำนักงาน ป.ป.ท. / A message from PACC",
        ["มีผู้ให้อีเมลนี้ไว้เพื่อรับแจ้งเมื่อเรื่องที่แจ้งต่อสำนักงาน ป.ป.ท. มีความคืบหน้า",
         $"หากเป็นท่าน กรุณากรอกรหัสยืนยันนี้พร้อมรหัสติดตามเรื่องที่หน้าติดตามเรื่องบนเว็บไซต์: {code}",
         "หากไม่ใช่ท่าน ไม่ต้องทำอะไร ท่านจะไม่ได้รับอีเมลจากเรื่องนี้อีก"],
        ["Someone gave this address to be told when there is news on a report they made to PACC.",
         $"If it was you, enter this code with your tracking code on the website's tracking page: {code}",
         "If it was not you, do nothing: you will get no other mail about it."]);

    public static RenderedMail OfficerNewCase(int region, string? link) => Build(
        $"มีเรื่องร้องเรียนใหม่ ({RegionTh(region)}) / A new case ({RegionEn(region)})",
        [$"มีเรื่องร้องเรียนใหม่ในเขตงานของท่าน ({RegionTh(region)}) รอผู้รับผิดชอบ", LinkLine(link, "ดูเรื่องที่ยังไม่มีผู้รับผิดชอบในระบบงานเจ้าหน้าที่")],
        [$"A new case has come in for your office ({RegionEn(region)}) and waits for an officer.", LinkLine(link, "See the unassigned cases in the staff workspace")],
        link);

    public static RenderedMail OfficerReporterAnswered(string? link) => Build(
        "มีข้อความใหม่จากผู้แจ้ง / A reporter wrote",
        ["ผู้แจ้งส่งข้อความใหม่ในเรื่องที่ท่านเป็นผู้รับผิดชอบ", LinkLine(link, "ดูเรื่องของท่านในระบบงานเจ้าหน้าที่")],
        ["A reporter wrote again on a case assigned to you.", LinkLine(link, "See your cases in the staff workspace")],
        link);

    public static RenderedMail OverdueDigest(int region, int acknowledge, int feedback, IReadOnlyList<string> references, string? link)
    {
        ArgumentNullException.ThrowIfNull(references);
        var list = references.Count == 0 ? "" : string.Join(", ", references);
        return Build(
            $"เรื่องเกินกำหนด {acknowledge + feedback} เรื่อง ({RegionTh(region)}) / Overdue cases ({RegionEn(region)})",
            [$"สรุปประจำวัน {RegionTh(region)}: รับเรื่องเกินกำหนด {acknowledge} เรื่อง แจ้งผลเกินกำหนด {feedback} เรื่อง", list.Length == 0 ? null : $"เลขอ้างอิง: {list}", LinkLine(link, "ดูรายการในระบบงานเจ้าหน้าที่")],
            [$"Daily summary for {RegionEn(region)}: {acknowledge} case(s) overdue for acknowledgement, {feedback} overdue for feedback.", list.Length == 0 ? null : $"References: {list}", LinkLine(link, "See them in the staff workspace")],
            link);
    }

    public static RenderedMail RegistrationDecided(WorkshopFacts workshop, bool confirmed, string code) => WithQr(Build(
        confirmed ? $"ยืนยันที่นั่ง: {workshop.Title} / Seat confirmed" : $"อยู่ในรายชื่อรอ: {workshop.Title} / On the waitlist",
        [confirmed ? "ท่านได้รับที่นั่งในการอบรม" : "ที่นั่งเต็มแล้ว ท่านอยู่ในรายชื่อรอ และจะได้รับอีเมลทันทีเมื่อได้ที่นั่ง", .. WorkshopTh(workshop), $"รหัสยืนยัน: {code}", confirmed ? "แสดงรหัสหรือคิวอาร์โค้ดที่แนบมาเมื่อเช็กอินหน้างาน" : null],
        [confirmed ? "You have a seat at the workshop." : "The workshop is full: you are on the waitlist and will be mailed as soon as a seat is yours.", .. WorkshopEn(workshop), $"Confirmation code: {code}", confirmed ? "Show the code or the attached QR code when you check in." : null]), code);

    public static RenderedMail RegistrationPromoted(WorkshopFacts workshop, string code) => WithQr(Build(
        $"ได้ที่นั่งแล้ว: {workshop.Title} / You have a seat",
        ["มีที่นั่งว่าง ท่านได้รับที่นั่งจากรายชื่อรอแล้ว", .. WorkshopTh(workshop), $"รหัสยืนยัน: {code}", "แสดงรหัสหรือคิวอาร์โค้ดที่แนบมาเมื่อเช็กอินหน้างาน"],
        ["A seat came free and it is yours now.", .. WorkshopEn(workshop), $"Confirmation code: {code}", "Show the code or the attached QR code when you check in."]), code);

    public static RenderedMail RegistrationCode(WorkshopFacts workshop, string status, string code) => WithQr(Build(
        $"รหัสยืนยันของท่าน: {workshop.Title} / Your confirmation code",
        ["ตามที่ท่านขอรหัสยืนยันอีกครั้ง", .. WorkshopTh(workshop), $"สถานะ: {StatusTh(status)}", $"รหัสยืนยัน: {code}", "หากท่านไม่ได้ขอ ไม่ต้องดำเนินการใด ๆ"],
        ["You asked for your confirmation code again.", .. WorkshopEn(workshop), $"Status: {status.Replace('_', ' ')}", $"Confirmation code: {code}", "If you did not ask for it, there is nothing to do."]), code);

    public static RenderedMail WorkshopChanged(WorkshopFacts workshop) => Build(
        $"เปลี่ยนแปลงวันเวลาหรือสถานที่: {workshop.Title} / Time or venue changed",
        ["การอบรมที่ท่านลงทะเบียนไว้มีการเปลี่ยนแปลง รายละเอียดล่าสุด:", .. WorkshopTh(workshop), "รหัสยืนยันเดิมของท่านยังใช้ได้"],
        ["The workshop you registered for has changed. As it is now:", .. WorkshopEn(workshop), "Your confirmation code stays the same."]);

    public static RenderedMail WorkshopReminder(WorkshopFacts workshop, string code) => WithQr(Build(
        $"พรุ่งนี้: {workshop.Title} / Tomorrow",
        ["ขอเตือนว่าการอบรมที่ท่านได้รับที่นั่งจะจัดในวันพรุ่งนี้", .. WorkshopTh(workshop), $"รหัสยืนยัน: {code}", "หากไม่สามารถเข้าร่วมได้ กรุณายกเลิกด้วยรหัสยืนยัน เพื่อให้ผู้ที่รออยู่ได้ที่นั่ง"],
        ["A reminder: your workshop is tomorrow.", .. WorkshopEn(workshop), $"Confirmation code: {code}", "If you cannot come, please cancel with your code so that someone on the waitlist gets the seat."]), code);

    private static RenderedMail WithQr(RenderedMail mail, string code) =>
        mail with { Attachments = [new MailAttachment("checkin-qr.png", "image/png", Workshops.QrCodes.Png(code))] };

    private static string[] WorkshopTh(WorkshopFacts w) =>
        [$"การอบรม: {w.Title}", $"วันเวลา: {Bangkok.ToBangkok(w.StartsAt).ToString("d MMMM yyyy HH:mm", Thai)} - {Bangkok.ToBangkok(w.EndsAt).ToString("HH:mm", Thai)} น.", $"สถานที่: {w.Venue}"];

    private static string[] WorkshopEn(WorkshopFacts w) =>
        [$"Workshop: {w.Title}", $"When: {Bangkok.ToBangkok(w.StartsAt).ToString("d MMMM yyyy HH:mm", English)}-{Bangkok.ToBangkok(w.EndsAt).ToString("HH:mm", English)} (Bangkok time)", $"Where: {w.Venue}"];

    private static string RegionTh(int region) => region == 0 ? "ส่วนกลาง" : $"ภาค {region}";

    private static string RegionEn(int region) => region == 0 ? "central office" : $"region {region}";

    private static string StatusTh(string status) => status switch
    {
        "confirmed" => "ได้ที่นั่ง",
        "waitlisted" => "อยู่ในรายชื่อรอ",
        "checked_in" => "เช็กอินแล้ว",
        "cancelled" => "ยกเลิกแล้ว",
        _ => "รอจัดที่นั่ง",
    };

    private static string? LinkLine(string? link, string label) => link is null ? null : $"{label}: {link}";

    /// <summary>Text: the Thai lines, a rule, the English lines. HTML: the same, encoded, each part marked with its language.</summary>
    private static RenderedMail Build(string subject, IEnumerable<string?> thai, IEnumerable<string?> english, string? link = null)
    {
        var th = thai.OfType<string>().ToArray();
        var en = english.OfType<string>().ToArray();
        var text = string.Join("\n", th) + "\n\n----\n\n" + string.Join("\n", en) + "\n";
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5;color:#1b1b1b\">");
        Paragraphs(html, "th", th, link);
        html.Append("<hr>");
        Paragraphs(html, "en", en, link);
        html.Append("</body></html>");
        return new RenderedMail(subject, text, html.ToString(), []);
    }

    private static void Paragraphs(StringBuilder html, string language, IEnumerable<string> lines, string? link)
    {
        html.Append("<div lang=\"").Append(language).Append("\">");
        foreach (var line in lines)
        {
            var encoded = WebUtility.HtmlEncode(line);
            if (link is not null && line.EndsWith(link, StringComparison.Ordinal))
            {
                var href = WebUtility.HtmlEncode(link);
                encoded = encoded[..^href.Length] + $"<a href=\"{href}\">{href}</a>";
            }

            html.Append("<p>").Append(encoded).Append("</p>");
        }

        html.Append("</div>");
    }
}

/// <summary>What a registrant's mail says of the workshop.</summary>
public sealed record WorkshopFacts(string Title, string Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
