using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Http;

/// <summary>Streams a blob to the client as a download, without holding it in memory.</summary>
public sealed class BlobDownload(BlobClient blob, string contentType, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var download = await blob.DownloadStreamingAsync(cancellationToken: context.HttpContext.RequestAborted);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = download.Value.Details.ContentLength;
        ResponseHeaders.SetPrivate(response);
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        await using var content = download.Value.Content;
        await content.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
