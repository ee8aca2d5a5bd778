using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>GET /api/registrations/{confirmationCode}/qr.svg: the code as a QR image to show at the door.</summary>
internal sealed class RegistrationQrCode(RegistrationDesk desk)
{
    [Function(nameof(RegistrationQrCode))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{confirmationCode}/qr.svg")] HttpRequest request,
        string confirmationCode,
        CancellationToken cancellationToken)
    {
        var canonical = await desk.CanonicalCodeAsync(confirmationCode, cancellationToken);
        return canonical is null
            ? Problems.NotFound(WorkshopProblems.NoSuchRegistration, RequestLanguage.Of(request))
            : ContentBody.Text("image/svg+xml", QrCodes.Svg(canonical));
    }
}
