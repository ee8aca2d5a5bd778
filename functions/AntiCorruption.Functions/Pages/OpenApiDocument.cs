using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Pages;

/// <summary>GET (and HEAD) /api/openapi.json: the OpenAPI 3 document of every route (a test keeps it equal to the functions).</summary>
internal sealed class OpenApiDocument(PageContent pages)
{
    [Function(nameof(OpenApiDocument))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequest request) =>
        ContentBody.Text("application/json; charset=utf-8", pages.OpenApi);
}
