using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>POST /api/registrations/cancel, body <c>{"confirmationCode"}</c>: cancels (again is fine); the seat goes to the first on the waitlist.</summary>
internal sealed class CancelRegistration(RegistrationDesk desk, PublicRouteLimits limits)
{
    [Function(nameof(CancelRegistration))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/cancel")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (code, problem) = await ConfirmationCodeBody.ReadAsync(request, limits, cancellationToken);
        if (code is null)
        {
            return problem!;
        }

        var language = RequestLanguage.Of(request);
        return await desk.CancelAsync(code, cancellationToken) switch
        {
            CancelResult.Cancelled => ApiResult.Ok(new { status = "cancelled" }),
            CancelResult.AlreadyCheckedIn => Problems.Conflict("already-checked-in", WorkshopProblems.AlreadyCheckedIn, language),
            _ => Problems.NotFound(WorkshopProblems.NoSuchRegistration, language),
        };
    }
}
