using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>
/// POST /api/complaints/status: the reporter's view of their case. The code travels in the body,
/// never in the URL, so it stays out of access logs and browser history.
/// </summary>
internal sealed class ShowComplaintStatus(ComplaintStatusQuery query, PublicRouteLimits limits)
{
    internal static readonly LocalizedText UnknownCode = new(
        "ไม่พบเรื่องที่ตรงกับรหัสติดตามนี้ กรุณาตรวจสอบรหัสอีกครั้ง",
        "No complaint has this tracking code. Please check the code.");

    [Function(nameof(ShowComplaintStatus))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints/status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return LimitedJsonRequest.RunAsync(request, limits, RateLimitedAction.Lookup, 4 * 1024, async (json, language) =>
            await query.FindAsync(json, cancellationToken) switch
            {
                StatusResult.Found found => ApiResult.Ok(found.View),
                StatusResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
                _ => Problems.NotFound(UnknownCode, language),
            }, cancellationToken);
    }
}
