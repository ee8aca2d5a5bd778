using static AntiCorruption.Core.Line.LineQuickReplyItem;

namespace AntiCorruption.Core.Line;

/// <summary>The words a LINE user taps or types to steer the bot, and the menu they start from.</summary>
internal static class LineWords
{
    public const string Report = "แจ้งเบาะแส";
    public const string Track = "ติดตามเรื่อง";
    public const string Workshop = "ลงทะเบียนอบรม";
    public const string Cancel = "ยกเลิก";
    public const string Next = "ถัดไป";
    public const string Skip = "ข้าม";
    public const string Confirm = "ยืนยันส่ง";
    public const string Agree = "ยินยอม";

    public static readonly LineQuickReplyItem[] Menu = [Message(Report), Message(Track), Message(Workshop)];
}
