using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>
/// POST /api/complaints/anonymize, body <c>{"trackingCode"}</c>: a reporter who gave their name
/// turns the case anonymous from now on; their identity is erased (<see cref="ReporterIdentityWithdrawal"/>).
/// 409 when staff hold the case's records for legal proceedings, or while the complaint is still
/// being recorded. The code travels in the body and spends the per-client lookup budget.
/// </summary>
internal sealed class AnonymizeComplaint(ReporterIdentityWithdrawal withdrawal, PublicRouteLimits limits)
{
    internal static readonly LocalizedText UnderLegalHold = new(
        "ยังเปลี่ยนเรื่องนี้เป็นแบบไม่เปิดเผยตัวตนไม่ได้ เพราะเจ้าหน้าที่ได้ระงับการเปลี่ยนแปลงข้อมูลของเรื่องนี้ไว้เพื่อการดำเนินการตามกฎหมาย (legal hold) ข้อมูลตัวตนของท่านยังได้รับการคุ้มครอง เจ้าหน้าที่เปิดดูได้เฉพาะผู้ได้รับอนุญาตโดยต้องระบุเหตุผลซึ่งถูกบันทึกไว้ทุกครั้ง ท่านสอบถามเจ้าหน้าที่ได้โดยส่งข้อความด้วยรหัสติดตามเรื่อง",
        "This case cannot be made anonymous now: staff have placed a legal hold on its records, which keeps them as they are while legal proceedings need them. Your identity stays protected: only authorised staff can open it, and each opening is recorded with its reason. You can ask staff about it with a message under your tracking code.");

    internal static readonly LocalizedText StillBeingRecorded = new(
        "เรื่องของท่านยังอยู่ระหว่างการบันทึกเข้าระบบ กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        "Your complaint is still being recorded. Please try again in a few minutes.");

    [Function(nameof(AnonymizeComplaint))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints/anonymize")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return LimitedJsonRequest.RunAsync(request, limits, RateLimitedAction.Lookup, 4 * 1024, async (json, language) =>
            await withdrawal.WithdrawAsync(json, cancellationToken) switch
            {
                WithdrawalResult.Anonymous done => ApiResult.Ok(done.View),
                WithdrawalResult.Held => Problems.Conflict("legal-hold", UnderLegalHold, language),
                WithdrawalResult.NotStoredYet => Problems.Conflict("not-recorded-yet", StillBeingRecorded, language),
                WithdrawalResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
                _ => Problems.NotFound(ShowComplaintStatus.UnknownCode, language),
            }, cancellationToken);
    }
}
