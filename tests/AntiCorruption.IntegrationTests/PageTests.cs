using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The public pages in a real browser (Debian's Chromium driven by Playwright), against the app
/// on Azurite. Screenshots of each page go to the git-ignored <c>screenshots/</c> folder.
/// </summary>
[Collection(AppTests.Name)]
public sealed partial class PageTests(AppFixture fixture) : IAsyncLifetime
{
    private readonly AppHost _app = fixture.Host;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<string> _cspViolations = [];

    /// <summary>Uncaught errors of the pages' scripts.</summary>
    private readonly List<string> _scriptErrors = [];

    private static string Screenshots => Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A page at phone width (412), unless <paramref name="options"/> say otherwise (a geolocation, a time zone).</summary>
    private async Task<IPage> OpenAsync(string path, BrowserNewPageOptions? options = null)
    {
        options ??= new BrowserNewPageOptions();
        options.BaseURL = _app.Client.BaseAddress!.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 412, Height = 915 };
        var page = await _browser.NewPageAsync(options);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _cspViolations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _scriptErrors.Add(error);
        await page.GotoAsync(path);
        return page;
    }

    [Fact]
    public async Task Form_AnonymousTipWithPhoto_ShowsTheCodeAndTheStatusPageShowsRegistered()
    {
        var page = await OpenAsync("api/form");
        await page.SelectOptionAsync("#category", "bribery");
        await page.SelectOptionAsync("#province", "TH-80");
        await page.FillAsync("#agency", "อบต. ท่าศาลา");
        await page.FillAsync("#description", "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้าง มีรูปถ่ายการรับเงิน");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "หลักฐาน.png", MimeType = "image/png", Buffer = Evidence.Png });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-filled.png"), FullPage = true });
        await page.ClickAsync("#submit");

        var code = page.Locator("#tracking-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        var trackingCode = await code.TextContentAsync();
        Assert.True(AntiCorruption.Core.Tracking.TrackingCodes.TryNormalize(trackingCode, out _), trackingCode);
        await Assertions.Expect(page.Locator("#copy")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#download")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-tracking-code.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.Contains(trackingCode!, await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        await page.GotoAsync("api/form#status");
        await page.FillAsync("#trackingCode", trackingCode!);
        var status = page.Locator("#case-status");
        for (var attempt = 0; attempt < 30 && await status.TextContentAsync() != "ลงทะเบียนรับเรื่องแล้ว"; attempt++)
        {
            await page.ClickAsync("#status-form button[type=submit]");
            await Task.Delay(500);
        }

        await Assertions.Expect(status).ToHaveTextAsync("ลงทะเบียนรับเรื่องแล้ว");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "status-registered.png"), FullPage = true });
        Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task Form_FileField_SaysMetadataIsRemovedInThaiAndInEnglish()
    {
        var page = await OpenAsync("api/form");
        var hint = page.Locator("#files-hint");
        await Assertions.Expect(hint).ToContainTextAsync("ลบข้อมูลแฝงในไฟล์ออก");
        await Assertions.Expect(hint).ToContainTextAsync("ตำแหน่ง GPS");
        Assert.Contains("files-hint", await page.Locator("#files").GetAttributeAsync("aria-describedby"), StringComparison.Ordinal);

        await page.ClickAsync("#lang");

        await Assertions.Expect(hint).ToContainTextAsync("hidden metadata is removed");
        Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task Form_AnswerLostOnTheWay_SendingAgainGivesTheSameCodeAndOneReport()
    {
        var page = await OpenAsync("api/form");
        await page.SelectOptionAsync("#category", "bribery");
        await page.SelectOptionAsync("#province", "TH-80");
        await page.FillAsync("#agency", "อบต. ท่าศาลา");
        await page.FillAsync("#description", "ส่งเรื่องจากสัญญาณโทรศัพท์ที่ขาด ๆ หาย ๆ มีรูปถ่ายประกอบ");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "หลักฐาน.png", MimeType = "image/png", Buffer = Evidence.Png });

        // The first send reaches the server, which accepts it; its answer never reaches the page.
        string? lostCode = null;
        var uploads = 0;
        await page.RouteAsync("**/api/attachments", async route => { uploads++; await route.ContinueAsync(); });
        await page.RouteAsync("**/api/complaints", async route =>
        {
            if (lostCode is null)
            {
                var response = await route.FetchAsync();
                lostCode = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("trackingCode").GetString();
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#description-error")).ToHaveTextAsync("ส่งไม่สำเร็จ กรุณาลองใหม่");

        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#tracking-code")).ToHaveTextAsync(lostCode!);
        Assert.Equal(1, uploads);
        await Reliability.ReporterLookups.RegisteredAsync(_app.Client, lostCode!, TimeSpan.FromSeconds(15));
        Assert.Single(await _app.ComplaintsWithCodeAsync(lostCode!));
    }

    [Fact]
    public async Task Form_CountsTextAsPeopleSeeIt()
    {
        var page = await OpenAsync("api/form");
        await page.SelectOptionAsync("#category", "bribery");
        await page.SelectOptionAsync("#province", "TH-80");
        await page.FillAsync("#agency", "\u200B\u3164");
        await page.FillAsync("#description", new string('\u200B', 30) + "โกงเงิน");
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#agency-error")).ToHaveTextAsync("จำเป็นต้องกรอกข้อมูลนี้");
        await Assertions.Expect(page.Locator("#description-error")).ToHaveTextAsync("ต้องมีอย่างน้อย 20 ตัวอักษร");

        // 5,001 emoji are 10,002 UTF-16 units, and 5,001 characters: the form sends them whole.
        await page.FillAsync("#agency", "อบต. ท่าศาลา");
        await page.FillAsync("#description", string.Concat(Enumerable.Repeat("😡", 5_001)));
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#tracking-code")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Form_MissingFields_ShowsThaiErrorsNextToThemAndASummary()
    {
        var page = await OpenAsync("api/form");
        await page.FillAsync("#description", "สั้น");
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#agency-error")).ToHaveTextAsync("จำเป็นต้องกรอกข้อมูลนี้");
        await Assertions.Expect(page.Locator("#description-error")).ToHaveTextAsync("ต้องมีอย่างน้อย 20 ตัวอักษร");
        await Assertions.Expect(page.Locator("#agency")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#summary")).ToBeFocusedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-errors.png"), FullPage = true });

        // A server-side refusal lands next to its field too: a named reporter with a bad phone.
        await page.SelectOptionAsync("#category", "bribery");
        await page.SelectOptionAsync("#province", "TH-80");
        await page.FillAsync("#agency", "อบต. ท่าศาลา");
        await page.FillAsync("#description", "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้าง");
        await page.CheckAsync("input[name=anonymous][value=false]");
        await page.FillAsync("#reporter\\.name", "สมชาย ใจดี");
        await page.FillAsync("#reporter\\.email", "somchai@example");
        await page.CheckAsync("#consent");
        await page.EvaluateAsync("() => { document.getElementById('reporter.email').value = 'somchai@example.c'; }");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#reporter\\.email-error")).ToBeVisibleAsync();

        // News by email needs an email to send it to.
        await page.FillAsync("#reporter\\.email", "");
        await page.FillAsync("#reporter\\.phone", "081 234 5678");
        await page.CheckAsync("#reporter\\.notifyByEmail");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#reporter\\.notifyByEmail-error")).ToHaveTextAsync("การแจ้งทางอีเมลต้องให้อีเมลด้วย");

        // And the English switch translates the form.
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("label[for=agency]")).ToHaveTextAsync("Agency concerned");
        Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task Register_Workshop_ShowsTheConfirmationCodeAndItsQrCode()
    {
        var starts = DateTimeOffset.UtcNow.AddDays(15);
        var created = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = "อบรมผ่านหน้าเว็บ " + Guid.NewGuid().ToString("N")[..6],
            province = "TH-81",
            venue = "ห้องประชุมศาลากลางจังหวัดกระบี่",
            startsAt = starts.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            capacity = 40,
            registrationDeadline = starts.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, StaffRoles.WorkshopsManage);
        var title = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!;

        var page = await OpenAsync("api/register");
        await page.Locator(".workshop", new PageLocatorOptions { HasText = title }).GetByRole(AriaRole.Button).ClickAsync();
        await page.FillAsync("#fullName", "สมปอง ใจงาม");
        await page.FillAsync("#position", "ปลัดอำเภอ");
        await page.SelectOptionAsync("#province", "TH-81");
        await page.FillAsync("#phone", "081 234 5678");
        await page.CheckAsync("#consent");
        await page.ClickAsync("#submit");

        var code = page.Locator("#code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        Assert.True(AntiCorruption.Core.Tracking.TrackingCodes.TryNormalize(await code.TextContentAsync(), out _));
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('qr'); return i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "register-confirmation.png"), FullPage = true });
        Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task Register_SomeoneElsesPhone_ShowsNoCodeAndSaysWhomToContact()
    {
        var title = "อบรมทดสอบการลงทะเบียนซ้ำ " + Guid.NewGuid().ToString("N")[..6];
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 40, title, daysAhead: 46);
        var phone = "08" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = "เจ้าของเบอร์ ตัวจริง", province = "TH-80", phone, consent = true });
        var code = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;

        var page = await OpenAsync("api/register");
        var answers = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/registrations", StringComparison.Ordinal))
            {
                answers.Add(response.Url);
            }
        };
        await page.Locator(".workshop", new PageLocatorOptions { HasText = title }).GetByRole(AriaRole.Button).ClickAsync();
        await page.FillAsync("#fullName", "คนอื่น ที่พิมพ์เบอร์เดียวกัน");
        await page.SelectOptionAsync("#province", "TH-80");
        await page.FillAsync("#phone", phone);
        await page.CheckAsync("#consent");
        await page.ClickAsync("#submit");

        var error = page.Locator("#form-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("สำนักงาน ป.ป.ท. เขต 8");
        await Assertions.Expect(page.Locator("#done")).ToBeHiddenAsync();
        Assert.DoesNotContain(code, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.All(answers, url => Assert.DoesNotContain(code, url, StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "register-duplicate.png"), FullPage = true });
        // Without an email typed there is nowhere the page could have the code sent.
        await Assertions.Expect(page.Locator("#resend")).ToBeHiddenAsync();

        // With one, the code can be sent again to the address the registration holds; the answer
        // is the same whether or not it holds this one (here it holds none).
        await page.FillAsync("#email", "owner@example.go.th");
        await page.ClickAsync("#submit");
        await page.ClickAsync("#resend-code");
        await Assertions.Expect(page.Locator("#resend-status")).ToHaveTextAsync("หากการอบรมนี้มีการลงทะเบียนด้วยอีเมลนี้ รหัสยืนยันจะถูกส่งไปยังอีเมลนั้น");
        Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task Register_CodeFromThePage_CancelsThroughTheBodyNotTheUrl()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 40, "อบรมทดสอบการยกเลิก " + Guid.NewGuid().ToString("N")[..6], daysAhead: 47);
        var registered = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = "ผู้ยกเลิก ทดสอบ", province = "TH-80", email = $"cancel.{Guid.NewGuid():N}@example.go.th", consent = true });
        var code = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        // The seat is decided from the queue: cancel what a registrant would see as confirmed.
        await Eventually.GetAsync(async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() == "confirmed" ? "" : null, TimeSpan.FromSeconds(30), "the seat decided");
        var page = await OpenAsync("api/register");
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);

        await page.FillAsync("#cancelCode", code);
        await page.ClickAsync("#cancel button[type=submit]");

        await Assertions.Expect(page.Locator("#cancel-result")).ToHaveTextAsync("ยกเลิกแล้ว");
        Assert.Equal("cancelled", (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString());
        Assert.Contains(urls, u => u.EndsWith("/api/registrations/cancel", StringComparison.Ordinal));
        Assert.All(urls, u => Assert.DoesNotContain(code, u, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Markup that would make an element if a page put it in as HTML.</summary>
    private const string Markup = "<img src=x id=injected><b id=bold>ตัวหนา</b><script>window.injected=1</script>";

    [Fact]
    public async Task Register_MarkupInAWorkshopTitle_IsShownAsText()
    {
        var title = "อบรม " + Guid.NewGuid().ToString("N")[..6] + " " + Markup;
        await TestWorkshops.CreateAsync(_app.Client, capacity: 40, title, venue: Markup, daysAhead: 45);

        var page = await OpenAsync("api/register");
        await Assertions.Expect(page.Locator(".workshop", new PageLocatorOptions { HasText = title })).ToBeVisibleAsync();

        Assert.Equal(0, await page.Locator("#injected, #bold").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected"));
    }

    [Fact]
    public async Task Status_MarkupInStaffNotesAndMessages_IsShownAsText()
    {
        var submitted = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = Markup, description = "เรียกรับเงินเพื่อออกใบอนุญาต " + Markup, anonymous = true });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "under_review", note = "รับเรื่อง " + Markup, @public = true }, StaffRoles.ComplaintsManage)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ขอข้อมูลเพิ่ม " + Markup }, StaffRoles.ComplaintsManage)).StatusCode);

        var page = await OpenAsync("api/form#status");
        await page.FillAsync("#trackingCode", code);
        await page.ClickAsync("#status-form button[type=submit]");

        await Assertions.Expect(page.Locator("#case-history")).ToContainTextAsync("รับเรื่อง " + Markup);
        await Assertions.Expect(page.Locator("#case-messages")).ToContainTextAsync("ขอข้อมูลเพิ่ม " + Markup);
        Assert.Equal(0, await page.Locator("#injected, #bold").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected"));
    }

    /// <summary>axe-core's WCAG 2.1 A and AA rules on each public screen, in both languages and at phone width.</summary>
    [Theory]
    [InlineData("api/form")]
    [InlineData("api/form#status")]
    [InlineData("api/register")]
    public async Task PublicScreens_HaveNoSeriousAccessibilityProblem_InThaiOrEnglish(string path)
    {
        var page = await OpenAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var thai = await Workspace.WorkspaceBrowser.AccessibilityProblemsAsync(page);
        await page.ClickAsync("#lang");
        var english = await Workspace.WorkspaceBrowser.AccessibilityProblemsAsync(page);

        Assert.Empty(thai);
        Assert.Empty(english);
        Assert.Empty(_cspViolations);
    }

    [Theory]
    [InlineData("api/form", "camera=(), microphone=(), geolocation=(self)")]
    [InlineData("api/register", "camera=(), microphone=(), geolocation=()")]
    public async Task Pages_AreSelfContainedUncachedAndCookieFree(string path, string permissions)
    {
        var response = await _app.Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        // A reporter on a hotel or café network is never downgraded to plain HTTP once they have come by HTTPS.
        Assert.Equal("max-age=63072000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        // The position only for the tip form (the place of the incident, on the reporter's press); no camera or microphone anywhere.
        Assert.Equal(permissions, response.Headers.GetValues("Permissions-Policy").Single());
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The tip form carries no script of its own to allow by hash: its scripts are files of this
    /// app (the form's and its status page's), the only ones its policy lets run; the reference
    /// data beside it is inert JSON.
    /// </summary>
    [Fact]
    public async Task Form_HasNoInlineScript_AndItsPolicyAllowsScriptsFromTheAppOnly()
    {
        using var response = await _app.Client.GetAsync(new Uri("api/form", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script([^>]*)>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);

        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256-", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(scripts.Where(s => s.Groups[2].Value.Trim().Length > 0), s => Assert.Contains("type=\"application/json\"", s.Groups[1].Value, StringComparison.Ordinal));
        var sources = scripts.Select(s => System.Text.RegularExpressions.Regex.Match(s.Groups[1].Value, "src=\"([^\"]+)\"")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["/api/assets/form-location.js", "/api/assets/form.js", "/api/assets/form-status.js"], sources);
        foreach (var source in sources)
        {
            using var script = await _app.Client.GetAsync(new Uri(source.TrimStart('/'), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>
    /// The registration page carries no script of its own to allow by hash either: its script is a
    /// file of this app, the only one its policy lets run; the reference data beside it is inert JSON.
    /// </summary>
    [Fact]
    public async Task Register_HasNoInlineScript_AndItsPolicyAllowsScriptsFromTheAppOnly()
    {
        using var response = await _app.Client.GetAsync(new Uri("api/register", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script([^>]*)>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);

        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256-", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(scripts.Where(s => s.Groups[2].Value.Trim().Length > 0), s => Assert.Contains("type=\"application/json\"", s.Groups[1].Value, StringComparison.Ordinal));
        var sources = scripts.Select(s => System.Text.RegularExpressions.Regex.Match(s.Groups[1].Value, "src=\"([^\"]+)\"")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["/api/assets/register.js"], sources);
        using var script = await _app.Client.GetAsync(new Uri(sources[0].TrimStart('/'), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>On an office's shared computer, a browser that remembers what was typed would show the next user who reported, and where.</summary>
    [Fact]
    public async Task Form_ReporterIdentityFields_AreNeverRememberedByTheBrowser()
    {
        var html = await _app.Client.GetStringAsync(new Uri("api/form", UriKind.Relative));

        foreach (var field in new[] { "reporter.name", "reporter.phone", "reporter.email", "trackingCode", "location" })
        {
            var input = System.Text.RegularExpressions.Regex.Match(html, $"<input[^>]*id=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>").Value;
            Assert.Contains("autocomplete=\"off\"", input, StringComparison.Ordinal);
        }
    }
}
