using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// POST /api/workshops/{id}/registrations: 202 with a confirmation code while the seat is decided;
/// 409 for someone already registered (with no code) and once registration has closed. A retry
/// with the same <c>Idempotency-Key</c> and body as the request that registered gets its 202 again.
/// </summary>
internal sealed class RegisterForWorkshop(RegistrationIntake intake, PublicRouteLimits limits)
{
    [Function(nameof(RegisterForWorkshop))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workshops/{id}/registrations")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (await limits.RefuseAsync(request, RateLimitedAction.Registration, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var language = RequestLanguage.Of(request);
        var key = request.Headers["Idempotency-Key"].ToString();
        // The key is what proves a retry comes from the client that registered, and so what
        // hands a code back: one short enough to guess would let a stranger ask for it.
        if (request.Headers.ContainsKey("Idempotency-Key") && !IsValidIdempotencyKey(key))
        {
            return Problems.BadRequest(HeaderKeys.IdempotencyKey, Messages.InvalidRegistrationIdempotencyKey, language);
        }

        using var body = await JsonRequest.ReadAsync(request, 16 * 1024, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var retry = key.Length == 0 ? null : new RegistrationRetry(key, body.Raw);
        return await intake.RegisterAsync(id, body.Root, retry, cancellationToken) switch
        {
            RegisterResult.Accepted accepted => ApiResult.Accepted(accepted.Receipt),
            RegisterResult.AlreadyRegistered => Problems.Conflict("already-registered", Messages.AlreadyRegistered, language),
            RegisterResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
            RegisterResult.Closed => Problems.Conflict("registration-closed", WorkshopProblems.RegistrationClosed, language),
            _ => Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language),
        };
    }

    private static bool IsValidIdempotencyKey(string key) =>
        key.Length is >= 16 and <= 255 && key.All(c => c is >= '!' and <= '~');
}
