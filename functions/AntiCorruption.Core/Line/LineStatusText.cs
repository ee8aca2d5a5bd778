using System.Globalization;
using System.Text;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Line;

/// <summary>A case's status as the bot tells it: the status, the day it was received, the public notes and the last three messages, each with its day.</summary>
internal static class LineStatusText
{
    public static string Of(ComplaintStatusView view)
    {
        var lines = new StringBuilder($"สถานะ: {StatusTh(view.Status)}");
        if (view.ReceivedAt is { } received)
        {
            lines.Append(CultureInfo.InvariantCulture, $"\nรับเรื่องเมื่อ: {Date(received)}");
        }

        foreach (var note in view.History.Where(h => h.Note is not null))
        {
            lines.Append(CultureInfo.InvariantCulture, $"\n{Date(note.At!.Value)} {StatusTh(note.Status)}: {note.Note}");
        }

        foreach (var message in view.Messages.TakeLast(3))
        {
            lines.Append(CultureInfo.InvariantCulture, $"\n[{(message.From == "staff" ? "เจ้าหน้าที่" : "ท่าน")} {Date(message.At)}] {message.Text}");
        }

        return lines.ToString();
    }

    private static string StatusTh(ComplaintStatus s) => s switch
    {
        ComplaintStatus.Received => "ได้รับเรื่องแล้ว",
        ComplaintStatus.Registered => "ลงทะเบียนรับเรื่องแล้ว",
        ComplaintStatus.UnderReview => "อยู่ระหว่างตรวจสอบ",
        ComplaintStatus.Referred => "ส่งต่อหน่วยงานที่เกี่ยวข้องแล้ว",
        ComplaintStatus.Closed => "ยุติเรื่องแล้ว",
        _ => "ไม่รับไว้พิจารณา",
    };

    /// <summary>A date the way LINE shows it, "30 พ.ย. 2569": the day only, as on the status page.</summary>
    private static string Date(DateOnly date) => ThaiCalendar.Format(date);
}
