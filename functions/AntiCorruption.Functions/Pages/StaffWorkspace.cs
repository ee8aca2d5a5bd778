using AntiCorruption.Core.Abuse;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Pages;

/// <summary>
/// GET (and HEAD) /api/staff: the staff workspace. The page holds no data: it signs in (Entra ID,
/// or locally with the development key) and calls the staff routes with the token.
/// </summary>
internal sealed class StaffWorkspace(WorkspaceContent workspace, PublicRouteLimits limits)
{
    [Function(nameof(StaffWorkspace))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "staff")] HttpRequest request, CancellationToken cancellationToken) =>
        await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) ?? PageResult.Html(workspace.Page);
}

/// <summary>
/// GET /api/assets/{name}: the scripts this app serves, never from a CDN: the workspace's, its own
/// and the libraries it was built with, the tip form's (form-location.js, form.js, form-status.js) and the
/// registration page's (register.js).
/// </summary>
internal sealed class WorkspaceAsset(WorkspaceContent workspace, PageContent pages, PublicRouteLimits limits)
{
    private static readonly Core.Validation.LocalizedText NoSuchAsset = new("ไม่มีไฟล์นี้", "There is no such file.");

    [Function(nameof(WorkspaceAsset))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        return (pages.Script(name) ?? workspace.Asset(name)) is { } script
            ? new ContentBody("text/javascript; charset=utf-8", (stream, ct) => stream.WriteAsync(script, ct).AsTask())
            : Problems.NotFound(NoSuchAsset, RequestLanguage.Of(request));
    }
}
