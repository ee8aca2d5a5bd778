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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints/messages")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var (body, problem) = await LimitedJsonRequest.ReadAsync(request, limits, RateLimitedAction.Lookup, 32 * 1024, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using var json = body;
        return await query.AddReporterMessageAsync(json.Root, cancellationToken) switch
        {
            MessageResult.Added added => new ApiResult(StatusCodes.Status201Created, added.Message),
            MessageResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
            _ => Problems.NotFound(ShowComplaintStatus.UnknownCode, language),
        };
    }
}
