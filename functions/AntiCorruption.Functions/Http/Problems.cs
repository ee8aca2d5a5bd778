using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>RFC 9457 problem details: every error the API gives, in the reader's language.</summary>
public static class Problems
{
    private const string ContentType = "application/problem+json; charset=utf-8";
    private const string TypeBase = "urn:problem-type:anticorruption:";

    public static ApiResult Validation(ValidationErrors errors, Language language)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = errors.In(language);
        return Create(
            StatusCodes.Status400BadRequest,
            "validation",
            new LocalizedText("ข้อมูลไม่ถูกต้อง", "The request has invalid fields."),
            new LocalizedText("กรุณาแก้ไขช่อง: ", "Fix these fields: "),
            language,
            detailSuffix: string.Join(", ", fields.Keys),
            errors: fields);
    }

    public static ApiResult BadRequest(string field, LocalizedText message, Language language) =>
        Validation(ValidationErrors.For(field, message), language);

    public static ApiResult NotFound(LocalizedText detail, Language language) =>
        Create(StatusCodes.Status404NotFound, "not-found", new LocalizedText("ไม่พบข้อมูล", "Not found."), detail, language);

    public static ApiResult Conflict(string type, LocalizedText detail, Language language) =>
        Create(StatusCodes.Status409Conflict, type, new LocalizedText("ขัดแย้งกับสถานะปัจจุบัน", "Conflict with the current state."), detail, language);

    public static ApiResult MethodNotAllowed(Language language) =>
        Create(
            StatusCodes.Status405MethodNotAllowed,
            "method-not-allowed",
            new LocalizedText("ไม่รองรับเมธอดนี้", "Method not allowed."),
            new LocalizedText("เส้นทางนี้ไม่รองรับเมธอด HTTP ที่ใช้", "This route does not take that HTTP method."),
            language);

    public static ApiResult UnsupportedMediaType(Language language, string expected = "application/json") =>
        Create(
            StatusCodes.Status415UnsupportedMediaType,
            "unsupported-media-type",
            new LocalizedText("ชนิดข้อมูลไม่รองรับ", "Unsupported media type."),
            new LocalizedText($"ส่งข้อมูลเป็น {expected}", $"Send the body as {expected}."),
            language,
            errors: new Dictionary<string, string[]> { [HeaderKeys.ContentType] = [language == Language.English ? $"Must be {expected}." : $"ต้องเป็น {expected}"] });

    public static ApiResult PayloadTooLarge(int maxBytes, Language language, string field = "body") =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            "payload-too-large",
            new LocalizedText("ข้อมูลมีขนาดใหญ่เกินไป", "The body is too large."),
            new LocalizedText($"ขนาดสูงสุด {maxBytes / 1024} KB", $"At most {maxBytes / 1024} KB."),
            language,
            errors: new Dictionary<string, string[]> { [field] = [language == Language.English ? $"At most {maxBytes / 1024} KB." : $"ขนาดสูงสุด {maxBytes / 1024} KB"] });

    public static ApiResult IdempotencyKeyReused(Language language) =>
        Create(
            StatusCodes.Status422UnprocessableEntity,
            "idempotency-key-reused",
            new LocalizedText("Idempotency-Key ถูกใช้กับคำขออื่นแล้ว", "The Idempotency-Key was used for a different request."),
            new LocalizedText("ใช้คีย์ใหม่สำหรับคำขอใหม่", "Use a new key for a new request."),
            language,
            errors: new Dictionary<string, string[]> { [HeaderKeys.IdempotencyKey] = [language == Language.English ? "Already used with a different body." : "ถูกใช้กับข้อมูลอื่นแล้ว"] });

    public static ApiResult Unauthorized(Language language)
    {
        var result = Create(
            StatusCodes.Status401Unauthorized,
            "unauthorized",
            new LocalizedText("ต้องเข้าสู่ระบบ", "Authentication required."),
            new LocalizedText("ส่ง Authorization: Bearer พร้อมโทเค็นเจ้าหน้าที่ที่ยังไม่หมดอายุ", "Send Authorization: Bearer with a valid staff token."),
            language);
        result.Headers["WWW-Authenticate"] = "Bearer";
        return result;
    }

    /// <summary>401 for a request that is not signed as it must be (no bearer challenge: the scheme is not OAuth).</summary>
    public static ApiResult BadSignature(LocalizedText detail, Language language) =>
        Create(StatusCodes.Status401Unauthorized, "bad-signature", new LocalizedText("ลายมือชื่อไม่ถูกต้อง", "Bad signature."), detail, language);

    public static ApiResult Forbidden(string role, Language language) =>
        Create(
            StatusCodes.Status403Forbidden,
            "forbidden",
            new LocalizedText("ไม่มีสิทธิ์", "Forbidden."),
            new LocalizedText($"ต้องมีบทบาท {role}", $"This needs the {role} role."),
            language);

    public static ApiResult StatusMoveRefused(Core.Complaints.ComplaintStatus from, IEnumerable<Core.Complaints.ComplaintStatus> allowed, Language language)
    {
        var (fromName, allowedNames) = (Core.Json.EnumNames.Of(from), string.Join(", ", allowed.Select(Core.Json.EnumNames.Of)));
        return Create(
            StatusCodes.Status409Conflict,
            "status-move-refused",
            new LocalizedText("เปลี่ยนสถานะนี้ไม่ได้", "This status change is not allowed."),
            new LocalizedText($"เรื่องที่อยู่ในสถานะ {fromName} เปลี่ยนได้เป็น {allowedNames} เท่านั้น", $"A {fromName} case can only move to {allowedNames}."),
            language);
    }

    public static ApiResult NoScope(Language language) =>
        Create(
            StatusCodes.Status403Forbidden,
            "forbidden",
            new LocalizedText("ไม่มีสิทธิ์", "Forbidden."),
            new LocalizedText("ต้องมีบทบาทเขตพื้นที่ (Region.0 ถึง Region.9 หรือ Region.All)", "This needs a scope role: Region.0 to Region.9, or Region.All."),
            language);

    public static ApiResult UnsupportedFile(Language language) =>
        Create(
            StatusCodes.Status415UnsupportedMediaType,
            "unsupported-file-type",
            new LocalizedText("ชนิดไฟล์ไม่รองรับ", "Unsupported file type."),
            Messages.UnsupportedFileType,
            language,
            errors: new Dictionary<string, string[]> { ["file"] = [Messages.UnsupportedFileType.In(language)] });

    /// <summary>
    /// 422: a file of an accepted type that could not be cleaned of its metadata, and so was not
    /// kept (evidence is never stored as sent).
    /// </summary>
    public static ApiResult UncleanableFile(Core.Attachments.CleaningRefusal refusal, Language language)
    {
        var detail = refusal switch
        {
            Core.Attachments.CleaningRefusal.Encrypted => Messages.FileEncrypted,
            Core.Attachments.CleaningRefusal.TooManyPixels => Messages.FileTooManyPixels,
            _ => Messages.FileUnreadable,
        };
        return Create(
            StatusCodes.Status422UnprocessableEntity,
            "file-not-cleanable",
            new LocalizedText("ลบข้อมูลแฝงในไฟล์ไม่ได้", "The file's metadata could not be removed."),
            detail,
            language,
            errors: new Dictionary<string, string[]> { ["file"] = [detail.In(language)] });
    }

    public static ApiResult TooManyRequests(TimeSpan retryAfter, Language language)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        var result = Create(
            StatusCodes.Status429TooManyRequests,
            "rate-limited",
            new LocalizedText("ส่งคำขอบ่อยเกินไป", "Too many requests."),
            new LocalizedText($"กรุณาลองใหม่ในอีก {minutes} นาที", $"Please try again in {minutes} minutes."),
            language);
        result.Headers["Retry-After"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    /// <summary>
    /// A request the web server could not read: a request line or headers it cannot parse (a NUL
    /// in the path) or over its limits, broken chunked framing, a body that stops short or runs
    /// over the limit. The status is the server's own (400, 408, 411, 413, 414, 431, 505).
    /// </summary>
    public static ApiResult Rejected(int status, Language language) => status switch
    {
        StatusCodes.Status414UriTooLong => Create(
            status,
            "uri-too-long",
            new LocalizedText("ที่อยู่ URL ยาวเกินไป", "The URL is too long."),
            new LocalizedText("ใช้ที่อยู่ที่สั้นลง", "Use a shorter URL."),
            language),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => Create(
            status,
            "request-headers-too-large",
            new LocalizedText("ส่วนหัวของคำขอใหญ่เกินไป", "The request headers are too large."),
            new LocalizedText("ส่งส่วนหัวให้น้อยลงหรือสั้นลง", "Send fewer or shorter headers."),
            language),
        _ => Create(
            status,
            "malformed-request",
            new LocalizedText("คำขอไม่ถูกต้อง", "The request is malformed."),
            new LocalizedText("เซิร์ฟเวอร์อ่านคำขอ HTTP นี้ไม่ได้", "The server could not read this HTTP request."),
            language),
    };

    /// <summary>A dependency (storage) failed: nothing was written, and the client may retry.</summary>
    public static ApiResult ServiceUnavailable(Language language)
    {
        var result = Create(
            StatusCodes.Status503ServiceUnavailable,
            "service-unavailable",
            new LocalizedText("ระบบไม่พร้อมให้บริการชั่วคราว", "The service is briefly unavailable."),
            new LocalizedText("ยังไม่ได้บันทึกข้อมูล กรุณาลองใหม่อีกครั้งในอีกสักครู่", "Nothing was saved. Please try again shortly."),
            language);
        result.Headers["Retry-After"] = "5";
        return result;
    }

    public static ApiResult InternalError(Language language) =>
        Create(
            StatusCodes.Status500InternalServerError,
            "internal-error",
            new LocalizedText("เกิดข้อผิดพลาดภายในระบบ", "An internal error occurred."),
            new LocalizedText("กรุณาลองใหม่อีกครั้ง", "Please try again."),
            language);

    /// <summary>A problem with one more member (RFC 9457 extension), left out when the value is null.</summary>
    public static ApiResult With(this ApiResult problem, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (value is not null && problem.Body is Dictionary<string, object> body)
        {
            body[name] = value;
        }

        return problem;
    }

    private static ApiResult Create(int status, string type, LocalizedText title, LocalizedText detail, Language language, string detailSuffix = "", IDictionary<string, string[]>? errors = null)
    {
        var body = new Dictionary<string, object>
        {
            ["type"] = TypeBase + type,
            ["title"] = title.In(language),
            ["status"] = status,
            ["detail"] = detail.In(language) + detailSuffix,
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        return new ApiResult(status, body, ContentType);
    }
}
