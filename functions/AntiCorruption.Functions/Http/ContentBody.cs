using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Http;

/// <summary>A non-JSON answer (SVG, CSV, XLSX), written straight to the response so that both hosts send the same bytes.</summary>
public sealed class ContentBody(string contentType, Func<Stream, CancellationToken, Task> write, string? downloadName = null) : IActionResult
{
    public string ContentType { get; } = contentType;

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        ResponseHeaders.SetPrivate(response);
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (downloadName is not null)
        {
            // RFC 6266: an ASCII fallback and the UTF-8 name for Thai file names.
            response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
            {
                FileName = downloadName.All(char.IsAscii) ? downloadName : "download" + Path.GetExtension(downloadName),
                FileNameStar = downloadName,
            }.ToString();
        }

        // Spreadsheet writers are synchronous inside; they write to a buffer, then it is copied out.
        using var buffer = new MemoryStream();
        await write(buffer, context.HttpContext.RequestAborted);
        response.ContentLength = buffer.Length;
        // HEAD is answered as GET, Content-Length included, without the body.
        if (HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
    }

    public static ContentBody Text(string contentType, string text) =>
        new(contentType, (stream, ct) => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), ct).AsTask());
}
