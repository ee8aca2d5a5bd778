using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Pages;

/// <summary>GET (and HEAD) /api/register: open workshops, the registration form with its PDPA notice, the code and its QR, cancellation.</summary>
internal sealed class RegistrationPage(PageContent pages)
{
    [Function(nameof(RegistrationPage))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "register")] HttpRequest request) => PageResult.Html(pages.Register);
}
