using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>
/// POST /api/complaints: 202 with a tracking code once the complaint is durably queued. The hourly
/// limit counts accepted complaints only (intake applies it, after a retry has been answered);
/// requests refused here count against the higher bound on refusals.
/// </summary>
internal sealed class SubmitComplaint(ComplaintIntake intake, PublicRouteLimits limits)
{
    /// <summary>Room for a 10,000-character Thai description even when every character is \u-escaped.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    [Function(nameof(SubmitComplaint))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var client = limits.ClientOf(request);
        var key = request.Headers["Idempotency-Key"].ToString();
        if (request.Headers.ContainsKey("Idempotency-Key") && !IsValidIdempotencyKey(key))
        {
            return await RefusedAsync(client, Problems.BadRequest(HeaderKeys.IdempotencyKey, Messages.InvalidIdempotencyKey, language), language, cancellationToken);
        }

        using var body = await JsonRequest.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return await RefusedAsync(client, body.Problem, language, cancellationToken);
        }

        var result = await intake.SubmitAsync(body.Root, body.Raw, key.Length == 0 ? null : key, ComplaintChannel.Web, client, cancellationToken);
        return result switch
        {
            // The reporter gets the case's dates, not its times: see ReporterReceipt.
            IntakeResult.Accepted accepted => ApiResult.Accepted(ReporterReceipt.Of(accepted.Receipt)),
            IntakeResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
            IntakeResult.Limited limited => Problems.TooManyRequests(limited.RetryAfter, language),
            _ => Problems.IdempotencyKeyReused(language),
        };
    }

    /// <summary>A request refused before intake counts against the bound on refusals; past it, the answer is 429.</summary>
    private async Task<IActionResult> RefusedAsync(string client, IActionResult problem, Language language, CancellationToken cancellationToken)
    {
        var room = await limits.Limits.HasRoomAsync(RateLimitedAction.RefusedComplaint, client, cancellationToken);
        if (!room.Allowed)
        {
            return Problems.TooManyRequests(room.RetryAfter, language);
        }

        await limits.Limits.CountAsync(RateLimitedAction.RefusedComplaint, client, cancellationToken);
        return problem;
    }

    private static bool IsValidIdempotencyKey(string key) =>
        key.Length is > 0 and <= 255 && key.All(c => c is >= '!' and <= '~');
}
