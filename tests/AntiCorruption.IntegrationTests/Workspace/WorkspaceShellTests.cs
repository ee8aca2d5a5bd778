using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>The workspace page itself: served with its policy, local sign-in, the language switch, sign-out.</summary>
[Collection(AppTests.Name)]
public sealed class WorkspaceShellTests(AppFixture fixture) : IAsyncLifetime
{
    private readonly AppHost _app = fixture.Host;
    private WorkspaceBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WorkspaceBrowser.LaunchAsync(_app);

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Page_IsServedWithAStrictPolicy_AndScriptsFromTheAppOnly()
    {
        using var response = await _app.Client.GetAsync(new Uri("api/staff", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("camera=(self), microphone=(), geolocation=()", response.Headers.GetValues("Permissions-Policy").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("http", System.Text.RegularExpressions.Regex.Replace(html, "https?://www.w3.org[^\"]*", ""), StringComparison.OrdinalIgnoreCase);
        foreach (var script in System.Text.RegularExpressions.Regex.Matches(html, "<script src=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
        {
            using var asset = await _app.Client.GetAsync(new Uri(script.TrimStart('/'), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync(new Uri("api/assets/msal-browser.min.js", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client.GetAsync(new Uri("api/assets/..%2Fopenapi.json", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task LocalSignIn_GivesATokenForTheRolesAndRegionAsked_AndNamesBadFields()
    {
        var signedIn = await _app.Client.PostAsJsonAsync(new Uri("api/local/staff-token", UriKind.Relative), new { name = "สมชาย ใจดี", roles = new[] { "Complaints.Read" }, region = 8 });
        var token = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var me = new HttpRequestMessage(HttpMethod.Get, "api/staff/me") { Headers = { Authorization = new("Bearer", token) } };
        var who = await (await _app.Client.SendAsync(me)).Content.ReadFromJsonAsync<JsonElement>();
        var bad = await _app.Client.PostAsJsonAsync(new Uri("api/local/staff-token", UriKind.Relative), new { name = "", roles = new[] { "Region.All" }, region = 12 });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal("สมชาย ใจดี", who.GetProperty("name").GetString());
        Assert.Equal(["Complaints.Read", "Region.8"], who.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("roles", out _) && errors.TryGetProperty("region", out _), errors.ToString());
    }

    [Fact]
    public async Task LocalSignIn_WithoutTheDevelopmentKey_IsNotThere_AndThePageOffersNone()
    {
        await using var withoutKey = await AppHost.StartAsync((await Azurite.SharedAsync()).ConnectionString, ("StaffAuth:SigningKey", ""), ("AzureWebJobs:ProcessComplaint:Disabled", "true"));

        var signIn = await withoutKey.Client.PostAsJsonAsync(new Uri("api/local/staff-token", UriKind.Relative), new { name = "ใครก็ได้", roles = new[] { "Audit.Read" }, region = "all" });
        var page = await withoutKey.Client.GetStringAsync(new Uri("api/staff", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal("application/problem+json", signIn.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"signIn\":\"none\"", page, StringComparison.Ordinal);
    }

    /// <summary>The scan every screen's test relies on finds what it is meant to find.</summary>
    [Fact]
    public async Task AccessibilityScan_FindsAnUnlabelledFieldAndAnImageWithoutAlt()
    {
        var page = await _browser.OpenAsync(WorkspaceBrowser.Phone);
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { document.querySelector('main').append(document.createElement('input'), Object.assign(document.createElement('img'), { src: 'data:,' })); }");

        var problems = await WorkspaceBrowser.AccessibilityProblemsAsync(page);

        Assert.Contains(problems, p => p.StartsWith("label:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("image-alt:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_ShowsWhoAndTheirScope_SwitchesToEnglish_AndSignsOut()
    {
        var page = await _browser.OpenAsync(WorkspaceBrowser.Phone);
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "sign-in-phone");
        var desktop = await _browser.OpenAsync(WorkspaceBrowser.Desktop);
        await Assertions.Expect(desktop.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(desktop));
        await WorkspaceBrowser.ScreenshotAsync(desktop, "sign-in-desktop");

        await WorkspaceBrowser.SignInAsync(page, "สมหญิง รักงาน", "8", StaffRoles.ComplaintsRead);

        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("สมหญิง รักงาน · ภาค 8");
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("สมหญิง รักงาน · Region 8");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('workspace.token')"));
        Assert.Empty(_browser.Errors);
    }
}
