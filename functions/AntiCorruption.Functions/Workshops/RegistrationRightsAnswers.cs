using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// The answer to an erasure, for the registrant (withdrawal of consent) and for staff (a request
/// by letter) alike: the status after it, when, the fields erased and kept, and a sentence that
/// says why what is kept is kept, in the reader's language.
/// </summary>
internal sealed record ErasureAnswer(
    RegistrationStatus Status,
    DateTimeOffset ErasedAt,
    DateTimeOffset? ConsentWithdrawnAt,
    IReadOnlyList<string> Erased,
    IReadOnlyList<string> Kept,
    string Note)
{
    private static readonly LocalizedText NeverAttended = new(
        "ยกเลิกการลงทะเบียนและลบข้อมูลส่วนบุคคลแล้ว เหลือเพียงจังหวัดที่ระบุไว้ ซึ่งนับรวมในสถิติการลงทะเบียนโดยไม่ระบุตัวบุคคล",
        "The registration is cancelled and the personal details are erased. Only the province given is kept, counted in the registration figures without naming anyone.");

    private static readonly LocalizedText Attended = new(
        "ผู้ลงทะเบียนเข้าร่วมการอบรมแล้ว ชื่อ ตำแหน่ง หน่วยงาน จังหวัด และเวลาเช็กอินจึงยังเก็บไว้ในบันทึกการเข้าร่วมการอบรม ซึ่งเป็นเอกสารราชการของ ป.ป.ท. ตามระยะเวลาการเก็บรักษา ส่วนหมายเลขโทรศัพท์ อีเมล และเลขประจำตัวประชาชนถูกลบแล้ว",
        "The registrant attended, so their name, position, agency, province and check-in time stay in the workshop's attendance record, an official record PACC keeps for its retention period. The phone, email and national id are erased.");

    public static ErasureAnswer Of(ErasureOutcome outcome, Language language)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var note = outcome.Status == RegistrationStatus.CheckedIn ? Attended : NeverAttended;
        return new(outcome.Status, outcome.ErasedAt, outcome.ConsentWithdrawnAt, outcome.Erased, outcome.Kept, note.In(language));
    }
}
