using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>DELETE /api/registrations/{confirmationCode}: cancels (again is fine); the seat goes to the first on the waitlist.</summary>
internal sealed class CancelRegistration(RegistrationDesk desk)
{
    [Function(nameof(CancelRegistration))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registrations/{confirmationCode}")] HttpRequest request,
        string confirmationCode,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        return await desk.CancelAsync(confirmationCode, cancellationToken) switch
        {
            CancelResult.Cancelled => ApiResult.Ok(new { status = "cancelled" }),
            CancelResult.AlreadyCheckedIn => Problems.Conflict("already-checked-in", WorkshopProblems.AlreadyCheckedIn, language),
            _ => Problems.NotFound(WorkshopProblems.NoSuchRegistration, language),
        };
    }
}
