using AntiCorruption.Functions.Http;
using AntiCorruption.Core.Abuse;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Pages;

/// <summary>GET (and HEAD) /api/form: the public tip form and the status page (Thai first, English on a switch).</summary>
internal sealed class TipForm(PageContent pages, PublicRouteLimits limits)
{
    [Function(nameof(TipForm))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "form")] HttpRequest request, CancellationToken cancellationToken) =>
        await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) ?? PageResult.Html(pages.Form);
}
