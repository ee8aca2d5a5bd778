using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// POST /api/workshops/{id}/registrations: 202 with a confirmation code while the seat is decided;
/// 200 with the existing code for someone already registered; 409 once registration has closed.
/// </summary>
internal sealed class RegisterForWorkshop(RegistrationIntake intake)
{
    [Function(nameof(RegisterForWorkshop))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workshops/{id}/registrations")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        using var body = await JsonRequest.ReadAsync(request, 16 * 1024, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return await intake.RegisterAsync(id, body.Root, cancellationToken) switch
        {
            RegisterResult.Accepted accepted => ApiResult.Accepted(accepted.Receipt),
            RegisterResult.AlreadyRegistered existing => ApiResult.Ok(existing.Receipt),
            RegisterResult.Invalid invalid => Problems.Validation(invalid.Errors, language),
            RegisterResult.Closed => Problems.Conflict("registration-closed", WorkshopProblems.RegistrationClosed, language),
            _ => Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language),
        };
    }
}
