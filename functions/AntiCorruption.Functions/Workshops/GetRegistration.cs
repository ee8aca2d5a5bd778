using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>GET /api/registrations/{confirmationCode}: status, workshop and place on the waitlist.</summary>
internal sealed class GetRegistration(RegistrationDesk desk)
{
    [Function(nameof(GetRegistration))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{confirmationCode}")] HttpRequest request,
        string confirmationCode,
        CancellationToken cancellationToken)
    {
        var view = await desk.ViewAsync(confirmationCode, cancellationToken);
        return view is null ? Problems.NotFound(WorkshopProblems.NoSuchRegistration, RequestLanguage.Of(request)) : ApiResult.Ok(view);
    }
}
