using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>POST /api/complaints/messages: the reporter answers staff or adds information, by tracking code alone.</summary>
internal sealed class SendReporterMessage(ComplaintStatusQuery query, PublicRouteLimits limits)
{
    [Function(nameof(SendReporterMessage))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints/messages")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return LimitedJsonRequest.RunAsync(request, limits, RateLimitedAction.Lookup, 32 * 1024, async (json, language) =>
            await query.AddReporterMessageAsync(json, cancellationToken) switch
            {
                MessageResult.Added added => new ApiResult(StatusCodes.Status201Created, added.Message),
                MessageResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
                _ => Problems.NotFound(ShowComplaintStatus.UnknownCode, language),
            }, cancellationToken);
    }
}
