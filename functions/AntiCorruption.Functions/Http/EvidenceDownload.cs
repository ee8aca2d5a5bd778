using AntiCorruption.Core.Attachments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// Sends an evidence file, opened as it is read from storage, as a download. A sealed file is
/// opened one checked chunk at a time, so a file changed in storage stops the download at the
/// first changed chunk instead of reaching the officer altered.
/// </summary>
public sealed class EvidenceDownload(OpenedEvidence content, string contentType, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var opened = content;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = opened.Length;
        ResponseHeaders.SetPrivate(response);
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        await opened.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
