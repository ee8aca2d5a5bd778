using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests;

/// <summary>The status page's part for news by email: the confirmation code, then a way to stop.</summary>
public sealed partial class PageTests
{
    [Fact]
    public async Task Status_ReporterWhoAskedForEmail_ConfirmsWithTheMailedCode_ThenStops()
    {
        var submitted = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery", province = "TH-80", agency = "เทศบาลตำบลทดสอบอีเมล", anonymous = false, consent = true,
            description = "ปลัดเทศบาลเรียกรับเงินเพื่อเร่งออกใบอนุญาตขุดดิน",
            reporter = new { name = "สมศรี ทดสอบหน้า", email = "page.reporter@example.com", notifyByEmail = true },
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        // This host sends no mail: the case is put where the confirmation mail leaves it, and the code is the one it gives.
        var notices = _app.Service<ReporterEmailNotices>();
        Assert.True(await notices.AwaitConfirmationAsync(id, CancellationToken.None));

        var page = await OpenAsync("api/form#status");
        await page.FillAsync("#trackingCode", code);
        await page.ClickAsync("#status-form button[type=submit]");
        await Assertions.Expect(page.Locator("#email-notices-state")).ToContainTextAsync("รหัสยืนยัน");
        await Assertions.Expect(page.Locator("#email-stop")).ToBeHiddenAsync();
        Assert.Empty(await Workspace.WorkspaceBrowser.AccessibilityProblemsAsync(page));

        await page.FillAsync("#confirmationCode", "0000-0000");
        await page.ClickAsync("#email-confirm");
        await Assertions.Expect(page.Locator("#confirmationCode-error")).ToBeVisibleAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#confirmationCode", "aria-invalid"));

        await page.FillAsync("#confirmationCode", notices.ConfirmationCodeOf(id).ToLowerInvariant());
        await page.ClickAsync("#email-confirm");
        await Assertions.Expect(page.Locator("#email-notices-state")).ToContainTextAsync("ท่านจะได้รับอีเมล");
        await Assertions.Expect(page.Locator("#email-confirm-form")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "status-email-on.png"), FullPage = true });
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("#email-stop")).ToHaveTextAsync("Stop the emails");
        Assert.Empty(await Workspace.WorkspaceBrowser.AccessibilityProblemsAsync(page));

        await page.ClickAsync("#email-stop");
        await Assertions.Expect(page.Locator("#email-notices-state")).ToContainTextAsync("The emails are stopped");
        await Assertions.Expect(page.Locator("#email-confirm-form")).ToBeVisibleAsync();
        Assert.Equal(ReporterEmailNotices.Off, (await _app.Service<ComplaintStore>().GetAsync(id, CancellationToken.None))!.EmailNotices);
        Assert.Empty(_cspViolations);
        Assert.Empty(_scriptErrors);
    }
}
