using System.Globalization;
using System.Text;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using static AntiCorruption.Core.Line.LineQuickReplyItem;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>The question the bot asks at each step of a conversation, with the answers it offers to tap.</summary>
internal static class LinePrompts
{
    /// <summary>The answer to a contact that is neither a Thai phone number nor an email, in the tip and the registration alike.</summary>
    public static readonly LineMessage BadContact = LineMessage.Say("เบอร์โทรศัพท์หรืออีเมลไม่ถูกต้องค่ะ เช่น 081 234 5678 หรือ name@example.com");

    /// <summary>Added to the receipt of a reporter who asked to be told of news.</summary>
    public const string NotifyOn = "\nเมื่อเรื่องของท่านมีความคืบหน้า จะมีข้อความแจ้งมาที่ LINE นี้ (ไม่มีรายละเอียดของเรื่อง) พิมพ์ \"" + StopNotifications + "\" เพื่อหยุดได้ทุกเมื่อ";

    public static IReadOnlyList<LineMessage> Ask(LineConversation c, ReferenceCatalog catalog)
    {
        var cancel = Message(Cancel);
        return (c.Flow, c.Step) switch
        {
            ("report", "category") => [LineMessage.Say("เรื่องที่จะแจ้งเป็นเรื่องประเภทใดคะ", [.. catalog.Categories.Select(x => Postback(x.NameTh, "cat:" + x.Id)), cancel])],
            ("report", "region") => [LineMessage.Say("เหตุเกิดที่จังหวัดใดคะ พิมพ์ชื่อจังหวัด หรือเลือกเขตก่อน", [.. catalog.Regions.Select(r => Postback(r.Id == 0 ? "กรุงเทพมหานคร" : $"เขต {r.Id}", "region:" + r.Id.ToString(CultureInfo.InvariantCulture))), cancel])],
            ("report", "province") => [LineMessage.Say("เลือกจังหวัดค่ะ", [.. catalog.Provinces.Where(p => p.PaccRegion == c.Region).Select(p => Postback(p.NameTh, "prov:" + p.Code)), cancel])],
            ("report", "agency") => [LineMessage.Say("หน่วยงานที่เกี่ยวข้องคือหน่วยงานใดคะ (เช่น อบต. ท่าศาลา)", cancel)],
            ("report", "description") => [LineMessage.Say("เล่าเหตุการณ์ที่เกิดขึ้นค่ะ: เกิดอะไรขึ้น ที่ไหน เมื่อไร ใครเกี่ยวข้อง", cancel)],
            ("report", "photos") => [LineMessage.Say($"มีรูปภาพหลักฐานไหมคะ ส่งได้สูงสุด {ComplaintLimits.Attachments} รูป แล้วกด \"{Next}\"", Message(Next), cancel)],
            ("report", "location") => [LineMessage.Say("ส่งตำแหน่งที่เกิดเหตุได้ค่ะ (ถ้ามี)", Location("ส่งตำแหน่ง"), Message(Skip), cancel)],
            ("report", "anonymous") => [LineMessage.Say("ต้องการเปิดเผยตัวตนกับเจ้าหน้าที่หรือไม่คะ ถ้าไม่เปิดเผย เรื่องของท่านจะไม่ผูกกับบัญชี LINE นี้ (เว้นแต่ท่านขอรับแจ้งเตือนในขั้นสุดท้าย)", Postback("ไม่เปิดเผยตัวตน", "anon:yes"), Postback("เปิดเผยตัวตน", "anon:no"), cancel)],
            ("report" or "register", "name") => [LineMessage.Say("ชื่อ-นามสกุลของท่านคะ", cancel)],
            ("report" or "register", "contact") => [LineMessage.Say("เบอร์โทรศัพท์หรืออีเมลสำหรับติดต่อกลับคะ", cancel)],
            ("report", "consent") => [LineMessage.Say("สำนักงาน ป.ป.ท. จะใช้ชื่อและช่องทางติดต่อของท่านเพื่อดำเนินการเรื่องร้องเรียนนี้เท่านั้น และเก็บรักษาเป็นความลับตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 ท่านยินยอมหรือไม่คะ", Message(Agree), Message("ไม่ยินยอม"), cancel)],
            ("report", "confirm") => [LineMessage.Say(Summary(c, catalog), Message(Confirm), cancel)],
            ("report", "notify") => [LineMessage.Say($"ต้องการให้แจ้งทาง LINE นี้เมื่อเรื่องของท่านมีความคืบหน้าหรือไม่คะ\nข้อความแจ้งจะไม่มีรายละเอียดของเรื่อง ท่านอ่านความคืบหน้าได้ด้วยรหัสติดตามเรื่อง หากรับแจ้ง ระบบจะเก็บการเชื่อมโยงระหว่างเรื่องนี้กับบัญชี LINE นี้ไว้แบบเข้ารหัส จนกว่าท่านพิมพ์ \"{StopNotifications}\"\nWould you like a LINE message when there is news on your report? It carries no details; type \"{StopNotificationsEnglish}\" to stop at any time.", Postback(WantNews, NotifyYes), Postback(NoNews, NotifyNo), cancel)],
            ("status", "code") => [LineMessage.Say("พิมพ์รหัสติดตามเรื่อง 20 ตัวอักษรที่ได้รับตอนแจ้งเรื่องค่ะ", cancel)],
            ("register", "province") => [LineMessage.Say("หน่วยงานของท่านอยู่จังหวัดใดคะ (พิมพ์ชื่อจังหวัด)", cancel)],
            ("register", "consent") => [LineMessage.Say("สำนักงาน ป.ป.ท. จะใช้ข้อมูลของท่านเพื่อการลงทะเบียนและเช็กอินการอบรมนี้เท่านั้น ท่านยินยอมหรือไม่คะ", Message(Agree), cancel)],
            _ => [LineMessage.Say("เลือกเมนูได้เลยค่ะ", Menu)],
        };
    }

    private static string Summary(LineConversation c, ReferenceCatalog catalog)
    {
        var text = new StringBuilder("ตรวจสอบก่อนส่งค่ะ\n");
        text.Append(CultureInfo.InvariantCulture, $"ประเภท: {catalog.FindCategory(c.Category!)?.NameTh}\n");
        text.Append(CultureInfo.InvariantCulture, $"จังหวัด: {catalog.FindProvince(c.Province!)?.NameTh}\n");
        text.Append(CultureInfo.InvariantCulture, $"หน่วยงาน: {c.Agency}\n");
        text.Append(CultureInfo.InvariantCulture, $"รายละเอียด: {(c.Description!.Length > 200 ? c.Description[..200] + "…" : c.Description)}\n");
        text.Append(CultureInfo.InvariantCulture, $"รูปภาพ: {c.AttachmentIds.Count} รูป{(c.Latitude is null ? "" : ", มีตำแหน่ง")}\n");
        text.Append(c.Anonymous == true ? "ผู้แจ้ง: ไม่เปิดเผยตัวตน" : $"ผู้แจ้ง: {c.Name} ({c.Phone ?? c.Email})");
        return text.ToString();
    }
}
