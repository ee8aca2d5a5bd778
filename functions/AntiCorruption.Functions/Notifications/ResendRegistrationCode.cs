using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Notifications;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Notifications;

/// <summary>
/// POST /api/registrations/resend-code, body <c>{"workshopId","email"}</c>: the confirmation code
/// of the registration with that email goes again to that stored address. 202 with the same
/// answer whether or not one matched; bad fields are 400 naming them; it spends the per-client
/// lookup budget, as every route that could tell whether someone registered does.
/// </summary>
internal sealed class ResendRegistrationCode(RegistrationCodeResend resend, PublicRouteLimits limits)
{
    [Function(nameof(ResendRegistrationCode))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/resend-code")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return LimitedJsonRequest.RunAsync(request, limits, RateLimitedAction.Lookup, 4 * 1024, async (json, language) =>
        {
            var errors = await resend.RequestAsync(json, cancellationToken);
            return errors.IsEmpty
                ? ApiResult.Accepted(new
                {
                    status = "accepted",
                    detail = language == Core.Validation.Language.English
                        ? "If this workshop has a registration with this email, its confirmation code is on its way to that address."
                        : "หากการอบรมนี้มีการลงทะเบียนด้วยอีเมลนี้ รหัสยืนยันจะถูกส่งไปยังอีเมลนั้น",
                })
                : Problems.Validation(errors, language);
        }, cancellationToken);
    }
}
