using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests;

/// <summary>Dates on the public pages (Bangkok, Buddhist era in Thai) and the registration page's English switch.</summary>
public sealed partial class PageTests
{
    private static readonly string[] ThaiMonths = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

    /// <summary>A date as the Thai pages show it: 30 พ.ย. 2569.</summary>
    private static string ThaiDate(DateOnly date) => $"{date.Day} {ThaiMonths[date.Month - 1]} {date.Year + 543}";

    [Fact]
    public async Task Status_Case_ShowsBangkokDatesInTheBuddhistEraAndSaysWhenOlderMessagesAreNotShown()
    {
        var before = Bangkok.DateOf(DateTimeOffset.UtcNow);
        var submitted = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. ท่าศาลา", description = "เรียกรับเงินเพื่อออกใบอนุญาตก่อสร้าง ทดสอบวันที่", anonymous = true });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ขอทราบวันที่เกิดเหตุ" }, StaffRoles.ComplaintsManage)).StatusCode);
        var after = Bangkok.DateOf(DateTimeOffset.UtcNow);
        string[] thai = [ThaiDate(before), ThaiDate(after)];

        // A browser far from Bangkok still shows Bangkok's dates.
        var page = await OpenAsync("api/form#status", new BrowserNewPageOptions { TimezoneId = "America/Los_Angeles", Locale = "en-US" });
        var omitted = false;
        await page.RouteAsync("**/api/complaints/status", async route =>
        {
            if (!omitted)
            {
                await route.ContinueAsync();
                return;
            }

            // A case with more messages than the page is given: the answer says so.
            var response = await route.FetchAsync();
            var view = JsonNode.Parse(await response.TextAsync())!;
            view["earlierMessagesOmitted"] = true;
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = view.ToJsonString() });
        });
        await page.FillAsync("#trackingCode", code);
        await page.ClickAsync("#status-form button[type=submit]");

        await Assertions.Expect(page.Locator("#case")).ToBeVisibleAsync();
        Assert.Contains(await page.Locator("#case-received").TextContentAsync(), thai);
        Assert.Contains(await page.Locator("#case-updated").TextContentAsync(), thai);
        var message = (await page.Locator("#case-messages li").TextContentAsync())!;
        Assert.Contains(thai, d => message == $"เจ้าหน้าที่ · {d}: ขอทราบวันที่เกิดเหตุ");
        await Assertions.Expect(page.Locator("#messages-omitted")).ToBeHiddenAsync();

        omitted = true;
        await page.ClickAsync("#status-form button[type=submit]");
        await Assertions.Expect(page.Locator("#messages-omitted")).ToHaveTextAsync("ข้อความที่เก่ากว่านี้ไม่ได้แสดง หน้านี้แสดงเฉพาะ 200 ข้อความล่าสุด");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "status-dates.png"), FullPage = true });

        // In English: the same Bangkok day, in the Gregorian calendar.
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("#messages-omitted")).ToHaveTextAsync("Older messages are not shown: this page shows the latest 200.");
        var received = (await page.Locator("#case-received").TextContentAsync())!;
        Assert.Contains(new[] { before, after }, d => received.StartsWith($"{d.Day} ", StringComparison.Ordinal) && received.EndsWith($" {d.Year}", StringComparison.Ordinal));
        Assert.Empty(_cspViolations);
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task Register_LanguageSwitch_TranslatesThePageShowsBangkokTimesAndSwitchesBack()
    {
        var day = Bangkok.DateOf(DateTimeOffset.UtcNow).AddDays(21);
        var starts = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));
        var title = "อบรมสองภาษา " + Guid.NewGuid().ToString("N")[..6];
        var created = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title,
            province = "TH-81",
            venue = "ห้องประชุมศาลากลางจังหวัดกระบี่",
            startsAt = starts.ToString("O", CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(7).ToString("O", CultureInfo.InvariantCulture),
            capacity = 40,
            registrationDeadline = starts.AddDays(-1).ToString("O", CultureInfo.InvariantCulture),
        }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // A browser in New York: the workshop is still at 09:00 in Krabi.
        var page = await OpenAsync("api/register", new BrowserNewPageOptions { TimezoneId = "America/New_York", Locale = "en-US" });
        var workshop = page.Locator(".workshop", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(workshop).ToContainTextAsync($"{ThaiDate(day)} เวลา 09:00–16:00 น.");
        await Assertions.Expect(workshop).ToContainTextAsync("กระบี่ · เหลือ 40 ที่");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");

        await page.ClickAsync("#lang");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("PACC workshop registration");
        await Assertions.Expect(page.Locator("#lang")).ToHaveTextAsync("ภาษาไทย");
        await Assertions.Expect(workshop).ToContainTextAsync($" {day.Year}, 09:00–16:00");
        await Assertions.Expect(workshop).Not.ToContainTextAsync((day.Year + 543).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(workshop).ToContainTextAsync("Krabi · 40 seats left");
        await workshop.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Register for this workshop" }).ClickAsync();
        await Assertions.Expect(page.Locator("label[for=fullName]")).ToHaveTextAsync("Full name");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Privacy notice");
        await Assertions.Expect(page.Locator("#province option[value='TH-81']")).ToHaveTextAsync("Krabi");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#fullName-error")).ToHaveTextAsync("This field is required.");
        await Assertions.Expect(page.Locator("#consent-error")).ToHaveTextAsync("Consent is needed to register.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "register-english.png"), FullPage = true });

        await page.ClickAsync("#lang");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
        await Assertions.Expect(page.Locator("label[for=fullName]")).ToHaveTextAsync("ชื่อ-นามสกุล");
        await Assertions.Expect(page.Locator("#lang")).ToHaveTextAsync("English");
        await Assertions.Expect(workshop).ToContainTextAsync($"{ThaiDate(day)} เวลา 09:00–16:00 น.");
        await Assertions.Expect(page.Locator("#chosen-when")).ToContainTextAsync(ThaiDate(day));
        // The choice is kept nowhere: no cookie, nothing in the browser's storage.
        Assert.Empty(await page.Context.CookiesAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        Assert.Empty(_cspViolations);
        Assert.Empty(_scriptErrors);
    }
}
