using System.Globalization;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Validation;

/// <summary>Every validation message the API speaks, in Thai and English.</summary>
public static class Messages
{
    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static LocalizedText Required { get; } = new("จำเป็นต้องกรอกข้อมูลนี้", "This field is required.");
    public static LocalizedText MustBeString { get; } = new("ต้องเป็นข้อความ", "Must be a string.");
    public static LocalizedText MustBeBoolean { get; } = new("ต้องเป็น true หรือ false", "Must be true or false.");
    public static LocalizedText MustBeNumber { get; } = new("ต้องเป็นตัวเลข", "Must be a number.");
    public static LocalizedText MustBeObject { get; } = new("ต้องเป็นออบเจ็กต์ JSON", "Must be a JSON object.");
    public static LocalizedText MustBeArray { get; } = new("ต้องเป็นรายการ (JSON array)", "Must be a JSON array.");
    public static LocalizedText BrokenText { get; } = new("มีอักขระที่เสียหาย (surrogate ที่ไม่มีคู่)", "Contains a broken character (an unpaired surrogate).");
    public static LocalizedText ControlCharacters { get; } = new("มีอักขระควบคุมที่ไม่อนุญาต", "Contains control characters that are not allowed.");
    public static LocalizedText InvalidDate { get; } = new("วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.) และมีอยู่จริง", "Must be a real date written YYYY-MM-DD (Common Era year).");
    public static LocalizedText FutureDate { get; } = new("วันที่ต้องไม่อยู่ในอนาคต", "Must not be in the future.");
    public static LocalizedText TooOldDate { get; } = new("วันที่เก่าเกินไป", "Is too far in the past.");
    public static LocalizedText OutsideFiscalYears { get; } = new(
        $"ต้องอยู่ในปีงบประมาณ พ.ศ. {FiscalYear.Earliest} ถึง {FiscalYear.Latest}",
        $"Must fall within fiscal years {FiscalYear.Earliest} to {FiscalYear.Latest} (Buddhist Era).");
    public static LocalizedText NotNegative { get; } = new("ต้องไม่ติดลบ", "Must not be negative.");
    public static LocalizedText UnknownCategory { get; } = new("ไม่พบประเภทเรื่องนี้ กรุณาเลือกจากรายการ", "Unknown category: use an id from the category list.");
    public static LocalizedText UnknownProvince { get; } = new("ไม่พบรหัสจังหวัดนี้ ใช้รหัส ISO 3166-2:TH เช่น TH-10", "Unknown province: use an ISO 3166-2:TH code such as TH-10.");
    public static LocalizedText InvalidPhone { get; } = new("หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 081 234 5678 หรือ 02 123 4567", "Must be a Thai phone number such as 081 234 5678 or 02 123 4567.");
    public static LocalizedText InvalidEmail { get; } = new("อีเมลไม่ถูกต้อง", "Must be a valid email address.");
    public static LocalizedText InvalidLineUserId { get; } = new("LINE user ID ไม่ถูกต้อง", "Must be a LINE user id (U followed by 32 hexadecimal digits).");
    public static LocalizedText ContactRequired { get; } = new("กรุณาให้หมายเลขโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่องทาง", "Give a phone number or an email address.");
    public static LocalizedText InvalidWorkshopId { get; } = new("ไม่ใช่รหัสการอบรม", "Not a workshop id.");
    public static LocalizedText NotifyNeedsEmail { get; } = new("การแจ้งความคืบหน้าทางอีเมลต้องให้อีเมลด้วย", "Give an email address to be notified by email.");
    public static LocalizedText MustBeEmptyWhenAnonymous { get; } = new("เรื่องร้องเรียนแบบไม่เปิดเผยตัวตนต้องไม่มีข้อมูลผู้ร้องเรียน", "Must be left out when the complaint is anonymous.");
    public static LocalizedText ConsentRequired { get; } = new("ต้องให้ความยินยอมในการเก็บและใช้ข้อมูลส่วนบุคคล (PDPA) เมื่อเปิดเผยตัวตน", "Must be true: consent to the use of your personal data (PDPA) is needed when you give your identity.");
    public static LocalizedText InvalidAttachmentId { get; } = new("รหัสไฟล์แนบไม่ถูกต้อง", "Is not an attachment id returned by /api/attachments.");
    public static LocalizedText UnknownAttachment { get; } = new("ไม่พบไฟล์แนบนี้ อาจหมดอายุแล้ว กรุณาอัปโหลดใหม่", "No such attachment: it may have expired; upload it again.");
    public static LocalizedText AttachmentAlreadyUsed { get; } = new("ไฟล์แนบนี้ถูกใช้กับเรื่องอื่นแล้ว", "This attachment already belongs to another complaint.");
    public static LocalizedText UnsupportedFileType { get; } = new("รับเฉพาะไฟล์ JPEG, PNG, WebP, HEIC และ PDF", "Only JPEG, PNG, WebP, HEIC and PDF files are accepted.");
    public static LocalizedText FileUnreadable { get; } = new("อ่านไฟล์นี้ไม่ได้ จึงลบข้อมูลแฝง (เช่น ตำแหน่ง GPS ชื่อผู้สร้าง) ออกไม่ได้ ไฟล์อาจเสียหาย กรุณาบันทึกหรือส่งออกไฟล์ใหม่แล้วแนบอีกครั้ง", "This file could not be read, so its hidden metadata (such as GPS position or author) could not be removed. It may be damaged: save or export it again and attach the new file.");
    public static LocalizedText FileEncrypted { get; } = new("ไฟล์ PDF นี้มีรหัสผ่าน จึงลบข้อมูลแฝงออกไม่ได้ กรุณาเอารหัสผ่านออกแล้วแนบอีกครั้ง", "This PDF is password-protected, so its hidden metadata could not be removed. Remove the password and attach it again.");
    public static LocalizedText FileTooManyPixels { get; } = new("ภาพนี้มีขนาดใหญ่เกิน 110 ล้านพิกเซล กรุณาย่อภาพแล้วแนบอีกครั้ง", "This picture has more than 110 megapixels. Make it smaller and attach it again.");
    public static LocalizedText FileTooLarge { get; } = new("ไฟล์ต้องมีขนาดไม่เกิน 10 MB", "A file may be at most 10 MB.");
    public static LocalizedText OneFile { get; } = new("ส่งได้ครั้งละหนึ่งไฟล์", "Send exactly one file per request.");
    public static LocalizedText MalformedMultipart { get; } = new("ข้อมูล multipart ไม่ถูกต้อง", "The multipart body is malformed.");
    public static LocalizedText EmptyFile { get; } = new("ไฟล์ว่างเปล่า", "The file is empty.");
    public static LocalizedText InvalidNationalId { get; } = new("เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลัก และหลักสุดท้ายต้องตรงกับเลขตรวจสอบ)", "Must be a Thai national id: 13 digits with a valid check digit.");
    public static LocalizedText ConsentToRegister { get; } = new("ต้องยินยอมให้เก็บและใช้ข้อมูลส่วนบุคคลเพื่อการลงทะเบียน (PDPA)", "Must be true: consent to the use of your personal data for registration (PDPA).");
    public static LocalizedText InvalidInstant { get; } = new("ต้องเป็นวันเวลา ISO 8601 พร้อมเขตเวลา เช่น 2026-07-02T09:00:00+07:00", "Must be an ISO 8601 time with an offset, such as 2026-07-02T09:00:00+07:00.");
    public static LocalizedText EndsBeforeStart { get; } = new("เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม", "Must be after startsAt.");
    public static LocalizedText DeadlineAfterStart { get; } = new("วันปิดรับสมัครต้องไม่อยู่หลังเวลาเริ่ม", "Must not be after startsAt.");
    public static LocalizedText CapacityBelowConfirmed { get; } = new("ที่นั่งต้องไม่น้อยกว่าจำนวนผู้ที่ได้รับการยืนยันแล้ว", "Must not be below the number already confirmed.");
    /// <summary>
    /// The refusal of a duplicate registration, the same whichever of email, phone or national id
    /// matched. There is no channel yet to send a code to its owner, so the person is sent to the
    /// office that runs the workshop, which can check who they are.
    /// </summary>
    public static LocalizedText AlreadyRegistered { get; } = new(
        "มีผู้ลงทะเบียนการอบรมนี้ด้วยข้อมูลติดต่อหรือเลขประจำตัวประชาชนนี้แล้ว หากเป็นการลงทะเบียนของท่านและท่านไม่มีรหัสยืนยัน ขอให้ส่งรหัสอีกครั้งไปยังอีเมลที่ลงทะเบียนไว้ได้ (POST /api/registrations/resend-code) หรือติดต่อสำนักงาน ป.ป.ท. ที่จัดการอบรมนี้",
        "This workshop already has a registration with these contact details or this national id. If it is yours and you do not have its confirmation code, have it sent again to the mail address it was registered with (POST /api/registrations/resend-code), or contact the PACC office that runs the workshop.");
    public static LocalizedText InvalidConfirmationCode { get; } = new("รหัสยืนยันต้องมี 20 ตัวอักษร", "A confirmation code has 20 characters.");
    public static LocalizedText InvalidFiscalYear { get; } = new("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569", "Must be a Buddhist Era fiscal year such as 2569.");
    public static LocalizedText InvalidRegion { get; } = new("เขตต้องเป็นตัวเลข 0 ถึง 9", "Must be a region number from 0 to 9.");
    public static LocalizedText InvalidContinuation { get; } = new("continuationToken ไม่ถูกต้อง", "Is not a token from a previous page.");
    public static LocalizedText DuplicateAttachmentId { get; } = new("ระบุไฟล์แนบซ้ำ", "Names the same attachment twice.");
    public static LocalizedText MalformedJson { get; } = new("ข้อมูลไม่ใช่ JSON ที่ถูกต้อง", "The body is not valid JSON.");
    public static LocalizedText InvalidUtf8 { get; } = new("ข้อมูลต้องเข้ารหัสแบบ UTF-8", "The body must be UTF-8.");
    public static LocalizedText WrongConfirmationCode { get; } = new("รหัสยืนยันไม่ตรงกับที่ส่งไปทางอีเมล รหัสมี 8 ตัวอักษร เช่น 7KQ2-M9XD", "Is not the code the email gave: 8 characters, such as 7KQ2-M9XD.");
    public static LocalizedText ConfirmOrStop { get; } = new("ระบุรหัสยืนยันจากอีเมล หรือ stop: true เพื่อหยุดรับอีเมล อย่างใดอย่างหนึ่ง", "Give either the confirmation code from the email, or stop: true to stop the emails.");
    public static LocalizedText InvalidTrackingCode { get; } = new("รหัสติดตามเรื่องต้องมี 20 ตัวอักษร เช่น ABCD-EFGH-JKMN-PQRS-TVWX", "A tracking code has 20 characters, such as ABCD-EFGH-JKMN-PQRS-TVWX.");
    public static LocalizedText InvalidRegistrationIdempotencyKey { get; } = new("Idempotency-Key ต้องเป็นอักขระ ASCII 16 ถึง 255 ตัว เช่น UUID แบบสุ่ม", "Idempotency-Key must be 16 to 255 printable ASCII characters, such as a random UUID.");
    public static LocalizedText InvalidIdempotencyKey { get; } = new("Idempotency-Key ต้องเป็นอักขระ ASCII 1 ถึง 255 ตัว", "Idempotency-Key must be 1 to 255 printable ASCII characters.");
    public static LocalizedText ProvinceOutsideScope { get; } = new("จังหวัดนี้อยู่นอกเขตที่ท่านรับผิดชอบ", "This province is outside the region you handle.");
    public static LocalizedText InvalidStaffId { get; } = new("รหัสเจ้าหน้าที่ต้องเป็น \"me\" หรือตัวอักษร ตัวเลข - และ _ ไม่เกิน 128 ตัว", "Must be \"me\" or a staff id: up to 128 letters, digits, - and _.");
    public static LocalizedText InvalidAssigneeFilter { get; } = new("ต้องเป็น me, none หรือรหัสเจ้าหน้าที่ (ตัวอักษร ตัวเลข - และ _ ไม่เกิน 128 ตัว)", "Must be me, none or a staff id (up to 128 letters, digits, - and _).");
    public static LocalizedText InvalidComplaintId { get; } = new("รหัสเรื่องร้องเรียนไม่ถูกต้อง", "Is not a complaint id.");
    public static LocalizedText InvalidComplaintReference { get; } = new("รหัสอ้างอิงเรื่องต้องขึ้นต้นด้วย R ตามด้วย 26 ตัวอักษร ตามที่ปรากฏในไฟล์สรุปหรือเหตุการณ์", "A case reference is R and 26 characters, as in the summary files and events.");
    public static LocalizedText TrackingCodeOrReference { get; } = new("ระบุรหัสติดตามเรื่องหรือรหัสอ้างอิงเรื่องอย่างใดอย่างหนึ่ง", "Give a tracking code or a case reference, not both.");
    public static LocalizedText UnknownRelation { get; } = new("ความเกี่ยวข้องต้องเป็น duplicate_of หรือ related", "Must be duplicate_of or related.");
    public static LocalizedText LinkToItself { get; } = new("เชื่อมโยงเรื่องกับตัวเองไม่ได้", "A case cannot be linked to itself.");
    public static LocalizedText NothingToReclassify { get; } = new("ระบุอย่างน้อยหนึ่งอย่าง: category, province หรือ agency", "Give at least one of category, province and agency.");
    public static LocalizedText StackedMarks { get; } = new("มีสระหรือวรรณยุกต์ซ้อนกันบนตัวอักษรเดียวมากเกินไป", "Has too many marks stacked on one character.");
    public static LocalizedText TooBigToStore { get; } = new("ข้อความใช้พื้นที่เกินกว่าที่รับได้ อีโมจิและอักขระพิเศษใช้พื้นที่มากกว่าตัวอักษรทั่วไป กรุณาย่อให้สั้นลง", "Takes more room than can be stored: emoji and other special characters take more than letters do. Please shorten it.");

    public static LocalizedText BuddhistEraYear(int year)
    {
        var (be, ce) = (year.ToString(CultureInfo.InvariantCulture), (year - FiscalYear.BuddhistEraOffset).ToString(CultureInfo.InvariantCulture));
        return new($"ปี {be} เป็นปี พ.ศ. กรุณาระบุเป็นปี ค.ศ. ({ce})", $"{be} is a Buddhist Era year: write the Common Era year ({ce}).");
    }

    public static LocalizedText TooShort(int min) => new($"ต้องมีอย่างน้อย {N(min)} ตัวอักษร", $"Must be at least {N(min)} characters.");
    public static LocalizedText TooLong(int max) => new($"ต้องไม่เกิน {N(max)} ตัวอักษร", $"Must be at most {N(max)} characters.");
    public static LocalizedText TooMany(int max) => new($"ระบุได้ไม่เกิน {N(max)} รายการ", $"Must have at most {N(max)} items.");
    public static LocalizedText OutOfRange(double min, double max) =>
        new($"ต้องอยู่ระหว่าง {min.ToString(CultureInfo.InvariantCulture)} ถึง {max.ToString(CultureInfo.InvariantCulture)}", $"Must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
    public static LocalizedText TooLarge(double max) =>
        new($"ต้องไม่เกิน {max.ToString("N0", CultureInfo.InvariantCulture)}", $"Must be at most {max.ToString("N0", CultureInfo.InvariantCulture)}.");

    public static LocalizedText UnknownDutyRole { get; } = new(
        $"บทบาทไม่ถูกต้อง ใช้ {string.Join(", ", Staff.StaffRoles.Duties)}", $"Must be one of {string.Join(", ", Staff.StaffRoles.Duties)}.");
    public static LocalizedText UnknownRegion { get; } = new("ภาคต้องเป็น 0 ถึง 9 หรือ all", "Must be a region from 0 to 9, or all.");

    /// <param name="accepted">The statuses the route takes, in the API's spelling.</param>
    public static LocalizedText UnknownStatus(IReadOnlyList<string> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var thai = accepted.Count == 1 ? accepted[0] : $"{string.Join(", ", accepted.Take(accepted.Count - 1))} หรือ {accepted[^1]}";
        return new($"สถานะไม่ถูกต้อง ใช้ {thai}", $"Must be one of {string.Join(", ", accepted)}.");
    }
}
