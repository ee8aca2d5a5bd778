using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>
/// POST /api/complaints/email-notifications, body <c>{"trackingCode", "confirmationCode"}</c> or
/// <c>{"trackingCode", "stop": true}</c>: an identified reporter confirms the address they gave
/// for news (with the code the confirmation mail carried), or stops the mails
/// (<see cref="ReporterEmailNotices"/>). 200 <c>{"emailNotifications": "on"|"off"}</c>; 400 naming
/// a wrong code; 409 when the reporter asked for no mails. The codes travel in the body and spend
/// the per-client lookup budget, as every route that takes a tracking code does.
/// </summary>
internal sealed class ChangeEmailNotifications(ReporterEmailNotices emailNotices, PublicRouteLimits limits)
{
    internal static readonly LocalizedText NoEmailNotifications = new(
        "เรื่องนี้ไม่ได้ขอรับแจ้งความคืบหน้าทางอีเมล หรือข้อมูลตัวตนของผู้แจ้งถูกลบแล้ว",
        "No news by email was asked for on this report, or the reporter's identity has been erased.");

    [Function(nameof(ChangeEmailNotifications))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints/email-notifications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return LimitedJsonRequest.RunAsync(request, limits, RateLimitedAction.Lookup, 4 * 1024, async (json, language) =>
            await emailNotices.ChangeAsync(json, cancellationToken) switch
            {
                EmailNoticesResult.Changed changed => ApiResult.Ok(new EmailNotificationsView(changed.State)),
                EmailNoticesResult.NothingAsked => Problems.Conflict("no-email-notifications", NoEmailNotifications, language),
                EmailNoticesResult.NotStoredYet => Problems.Conflict("not-recorded-yet", AnonymizeComplaint.StillBeingRecorded, language),
                EmailNoticesResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
                _ => Problems.NotFound(ShowComplaintStatus.UnknownCode, language),
            }, cancellationToken);
    }
}

/// <summary>The answer: where news by email stands now.</summary>
internal sealed record EmailNotificationsView(string EmailNotifications);
