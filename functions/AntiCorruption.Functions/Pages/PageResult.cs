using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Pages;

/// <summary>
/// Serves a page with the headers a reporter's safety asks for: no caching, no referrer, no
/// framing, no cookies, the device features the page may ask for (<see cref="PagePermissions"/>),
/// and HTTPS only for two years (browsers ignore the header over plain HTTP, so the LocalHost is
/// unaffected).
/// </summary>
public static class PageResult
{
    public static IActionResult Html(HtmlPage page) => new ContentBody("text/html; charset=utf-8", async (stream, ct) =>
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(page.Html), ct))
    {
        Headers =
        {
            ["Content-Security-Policy"] = page.ContentSecurityPolicy,
            ["Referrer-Policy"] = "no-referrer",
            ["X-Frame-Options"] = "DENY",
            ["Permissions-Policy"] = page.PermissionsPolicy,
            ["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains",
        },
    };
}
