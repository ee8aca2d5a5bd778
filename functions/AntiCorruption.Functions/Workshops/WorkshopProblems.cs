using AntiCorruption.Core.Validation;

namespace AntiCorruption.Functions.Workshops;

/// <summary>The workshop side's own problem texts.</summary>
internal static class WorkshopProblems
{
    public static readonly LocalizedText NoSuchWorkshop = new("ไม่พบการอบรมนี้", "No workshop has this id.");
    public static readonly LocalizedText NoSuchRegistration = new("ไม่พบการลงทะเบียนที่ตรงกับรหัสนี้", "No registration has this confirmation code.");
    public static readonly LocalizedText NoSuchRegistrationId = new("ไม่พบการลงทะเบียนนี้", "No registration has this id.");
    public static readonly LocalizedText RegistrationClosed = new("ปิดรับลงทะเบียนแล้ว", "Registration for this workshop has closed.");
    public static readonly LocalizedText AlreadyCheckedIn = new("เช็กอินแล้ว", "Already checked in.");
    public static readonly LocalizedText NotConfirmed = new("การลงทะเบียนนี้ยังไม่ได้รับการยืนยันที่นั่ง", "This registration does not hold a confirmed seat.");
}
