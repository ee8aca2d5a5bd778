using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// POST /api/registrations/withdraw-consent, body <c>{"confirmationCode"}</c>: the registrant
/// withdraws their consent. A seat still held is cancelled (the waitlist moves up), the personal
/// fields are erased as far as the workshop's records allow (<see cref="RegistrationErasure"/>),
/// and the answer says what was erased and what was kept, and why. Again is harmless.
/// </summary>
internal sealed class WithdrawRegistrationConsent(RegistrantRights rights, PublicRouteLimits limits)
{
    [Function(nameof(WithdrawRegistrationConsent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/withdraw-consent")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (code, problem) = await ConfirmationCodeBody.ReadAsync(request, limits, cancellationToken);
        if (code is null)
        {
            return problem!;
        }

        var language = RequestLanguage.Of(request);
        var outcome = await rights.WithdrawConsentAsync(code, cancellationToken);
        return outcome is null ? Problems.NotFound(WorkshopProblems.NoSuchRegistration, language) : ApiResult.Ok(ErasureAnswer.Of(outcome, language));
    }
}
