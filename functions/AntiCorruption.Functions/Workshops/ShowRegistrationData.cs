using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// POST /api/registrations/data, body <c>{"confirmationCode","download"}</c>: everything held about
/// the registration, opened (PDPA access). With <c>"download": true</c> the same JSON comes as a
/// file (<c>Content-Disposition: attachment</c>). The code travels in the body, and the route
/// spends the per-client lookup budget like the other code routes.
/// </summary>
internal sealed class ShowRegistrationData(RegistrantRights rights, PublicRouteLimits limits)
{
    public const string DownloadName = "registration-data.json";

    [Function(nameof(ShowRegistrationData))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/data")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return LimitedJsonRequest.RunAsync(request, limits, RateLimitedAction.Lookup, 4 * 1024, async (json, language) =>
        {
            var errors = new ValidationErrors();
            var code = ConfirmationCodeRequest.Read(json, errors);
            var download = errors.Has("body") ? null : JsonFields.ForBody(json, errors)?.Boolean("download", required: false);
            if (code is null || !errors.IsEmpty)
            {
                return Problems.Validation(errors, language);
            }

            var data = await rights.DataAsync(code, cancellationToken);
            if (data is null)
            {
                return Problems.NotFound(WorkshopProblems.NoSuchRegistration, language);
            }

            var answer = ApiResult.Ok(data);
            if (download == true)
            {
                answer.Headers["Content-Disposition"] = $"attachment; filename=\"{DownloadName}\"";
            }

            return answer;
        }, cancellationToken);
    }
}
