using AntiCorruption.Core.Abuse;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Pages;

/// <summary>GET (and HEAD) /api/openapi.json: the OpenAPI 3 document of every route (a test keeps it equal to the functions).</summary>
internal sealed class OpenApiDocument(PageContent pages, PublicRouteLimits limits)
{
    [Function(nameof(OpenApiDocument))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequest request, CancellationToken cancellationToken) =>
        (IActionResult?)await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) ?? ContentBody.Text("application/json; charset=utf-8", pages.OpenApi);
}
