using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>POST /api/registrations/lookup, body <c>{"confirmationCode"}</c>: status, workshop and place on the waitlist.</summary>
internal sealed class LookUpRegistration(RegistrationLookup registrations, PublicRouteLimits limits)
{
    [Function(nameof(LookUpRegistration))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/lookup")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (code, problem) = await ConfirmationCodeBody.ReadAsync(request, limits, cancellationToken);
        if (code is null)
        {
            return problem!;
        }

        var view = await registrations.ViewAsync(code, cancellationToken);
        return view is null ? Problems.NotFound(WorkshopProblems.NoSuchRegistration, RequestLanguage.Of(request)) : ApiResult.Ok(view);
    }
}
