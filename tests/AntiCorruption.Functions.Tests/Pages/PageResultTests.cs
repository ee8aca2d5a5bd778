using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Functions.Pages;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace AntiCorruption.Functions.Tests.Pages;

public class PageResultTests
{
    private static readonly PageContent Pages = new(SeedLoader.Load(RepoPaths.Seeds));

    private static async Task<IHeaderDictionary> HeadersOfAsync(HtmlPage page)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await PageResult.Html(page).ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return context.Response.Headers;
    }

    [Fact]
    public async Task Html_TipForm_AllowsGeolocationToItsOwnOriginOnlyAndNoCameraOrMicrophone()
    {
        var headers = await HeadersOfAsync(Pages.Form);

        Assert.Equal("camera=(), microphone=(), geolocation=(self)", headers["Permissions-Policy"].ToString());
    }

    [Fact]
    public async Task Html_RegistrationPage_AllowsNoGeolocationCameraOrMicrophone()
    {
        var headers = await HeadersOfAsync(Pages.Register);

        Assert.Equal("camera=(), microphone=(), geolocation=()", headers["Permissions-Policy"].ToString());
    }

    [Fact]
    public async Task Html_AnyPage_KeepsItsContentSecurityPolicyAndNoFraming()
    {
        foreach (var page in new[] { Pages.Form, Pages.Register })
        {
            var headers = await HeadersOfAsync(page);

            Assert.Equal(page.ContentSecurityPolicy, headers.ContentSecurityPolicy.ToString());
            Assert.Contains("frame-ancestors 'none'", page.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("DENY", headers.XFrameOptions.ToString());
        }
    }
}
