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
    public const string WantNews = "รับแจ้งเตือน";
    public const string NoNews = "ไม่รับแจ้งเตือน";
    public const string NotifyYes = "notify:yes";
    public const string NotifyNo = "notify:no";

    /// <summary>Said at any point of a chat: every case linked to this LINE account stops being notified.</summary>
    public const string StopNotifications = "หยุดแจ้งเตือน";

    /// <summary>The same in English, matched whatever the case.</summary>
    public const string StopNotificationsEnglish = "stop notifications";

    public static bool IsStop(string? text) =>
        text is not null && (text == StopNotifications || string.Equals(text, StopNotificationsEnglish, StringComparison.OrdinalIgnoreCase));

    public static readonly LineQuickReplyItem[] Menu = [Message(Report), Message(Track), Message(Workshop)];
}
