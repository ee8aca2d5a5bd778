using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// POST /api/registrations/qr, body <c>{"confirmationCode"}</c>: the code as an SVG QR image to
/// show at the door. A POST, so the page fetches it and shows it from a <c>blob:</c> URL.
/// </summary>
internal sealed class RegistrationQrCode(RegistrationLookup registrations, PublicRouteLimits limits)
{
    [Function(nameof(RegistrationQrCode))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/qr")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (code, problem) = await ConfirmationCodeBody.ReadAsync(request, limits, cancellationToken);
        if (code is null)
        {
            return problem!;
        }

        var canonical = await registrations.CanonicalCodeAsync(code, cancellationToken);
        return canonical is null
            ? Problems.NotFound(WorkshopProblems.NoSuchRegistration, RequestLanguage.Of(request))
            : ContentBody.Text("image/svg+xml", QrCodes.Svg(canonical));
    }
}
