using AntiCorruption.Functions.Http;
using AntiCorruption.Core.Abuse;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Pages;

/// <summary>GET (and HEAD) /api/register: open workshops, the registration form with its PDPA notice, the code and its QR, cancellation.</summary>
internal sealed class RegistrationPage(PageContent pages, PublicRouteLimits limits)
{
    [Function(nameof(RegistrationPage))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "register")] HttpRequest request, CancellationToken cancellationToken) =>
        await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) ?? PageResult.Html(pages.Register);
}
