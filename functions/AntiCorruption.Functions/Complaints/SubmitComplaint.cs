using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>POST /api/complaints: 202 with a tracking code once the complaint is durably queued.</summary>
internal sealed class SubmitComplaint(ComplaintIntake intake, ClientRateLimits limits)
{
    /// <summary>Room for a 10,000-character Thai description even when every character is \u-escaped.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    [Function(nameof(SubmitComplaint))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (!limits.TryAcquire(RateLimitedAction.Complaint, ClientAddress.Of(request), out var retryAfter))
        {
            return Problems.TooManyRequests(retryAfter, language);
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (request.Headers.ContainsKey("Idempotency-Key") && !IsValidIdempotencyKey(key))
        {
            return Problems.BadRequest("Idempotency-Key", Messages.InvalidIdempotencyKey, language);
        }

        using var body = await JsonRequest.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await intake.SubmitAsync(body.Root, body.Raw, key.Length == 0 ? null : key, ComplaintChannel.Web, cancellationToken);
        return result switch
        {
            IntakeResult.Accepted accepted => ApiResult.Accepted(accepted.Receipt),
            IntakeResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
            _ => Problems.IdempotencyKeyReused(language),
        };
    }

    private static bool IsValidIdempotencyKey(string key) =>
        key.Length is > 0 and <= 255 && key.All(c => c is >= '!' and <= '~');
}
