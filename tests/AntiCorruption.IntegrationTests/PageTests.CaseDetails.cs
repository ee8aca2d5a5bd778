using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Staff;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests;

/// <summary>The tip form's case fields beyond the description: subject, the accused's position, the place and the amount.</summary>
public sealed partial class PageTests
{
    /// <summary>Counts the page's requests for the phone's position (set up before the page's own script runs).</summary>
    private const string CountPositionRequests = """
        (() => {
          window.positionRequests = 0;
          const geolocation = navigator.geolocation;
          for (const name of ["getCurrentPosition", "watchPosition"]) {
            const original = geolocation[name].bind(geolocation);
            geolocation[name] = (...args) => { window.positionRequests++; return original(...args); };
          }
        })();
        """;

    private static async Task FillRequiredAsync(IPage page)
    {
        await page.SelectOptionAsync("#category", "bribery");
        await page.SelectOptionAsync("#province", "TH-10");
        await page.FillAsync("#agency", "สำนักงานเขตบางรัก");
        await page.FillAsync("#description", "เจ้าหน้าที่เขตเรียกเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง มีพยานเห็นการรับเงิน");
    }

    /// <summary>The bodies of the page's POSTs to /api/complaints, as sent.</summary>
    private static List<JsonElement> ComplaintBodies(IPage page)
    {
        var bodies = new List<JsonElement>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/complaints", StringComparison.Ordinal) && request.PostData is { } body)
            {
                bodies.Add(JsonDocument.Parse(body).RootElement.Clone());
            }
        };
        return bodies;
    }

    [Fact]
    public async Task Form_SubjectPositionTypedPlaceAndAmount_ArriveInTheStoredCase()
    {
        var subject = "เรียกเงินแลกใบอนุญาต " + Guid.NewGuid().ToString("N")[..6];
        var page = await OpenAsync("api/form");
        var sent = ComplaintBodies(page);
        await FillRequiredAsync(page);
        await page.FillAsync("#accusedName", "นายสมมติ ทดสอบ");
        await page.FillAsync("#accusedPosition", "หัวหน้าฝ่ายโยธา");
        await page.FillAsync("#subject", subject);
        await page.FillAsync("#amountThb", "1,500,000");
        await page.FillAsync("#location", "13.7563, 100.5018");

        // What will be sent is shown before it is, with a way to take it back.
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("ตำแหน่งที่จะส่งเป็นสถานที่เกิดเหตุ: 13.75630, 100.50180");
        await Assertions.Expect(page.Locator("#location-remove")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-case-details.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-case-details-desktop.png"), FullPage = true });
        await page.ClickAsync("#submit");

        var code = page.Locator("#tracking-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        var trackingCode = (await code.TextContentAsync())!;
        var today = AntiCorruption.Core.Time.Bangkok.DateOf(DateTimeOffset.UtcNow);
        Assert.Contains(await page.Locator("#done-received").TextContentAsync(), new[] { ThaiDate(today.AddDays(-1)), ThaiDate(today) });
        var body = Assert.Single(sent);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("amountThb").ValueKind);
        Assert.Equal(1_500_000m, body.GetProperty("amountThb").GetDecimal());

        // Staff find the case by the code the reporter reads out, and open it.
        await Reliability.ReporterLookups.RegisteredAsync(_app.Client, trackingCode, TimeSpan.FromSeconds(15));
        var lookup = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode }, StaffRoles.ComplaintsRead);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        var id = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var read = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var view = await read.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1_500_000d, view.GetProperty("amountThb").GetDouble());
        var details = view.GetProperty("details");
        Assert.Equal(subject, details.GetProperty("subject").GetString());
        Assert.Equal("หัวหน้าฝ่ายโยธา", details.GetProperty("accusedPosition").GetString());
        Assert.Equal("นายสมมติ ทดสอบ", details.GetProperty("accusedName").GetString());
        Assert.Equal(13.7563, details.GetProperty("location").GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(100.5018, details.GetProperty("location").GetProperty("longitude").GetDouble(), 6);
        Assert.Empty(_cspViolations);
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task Form_LocationButton_FillsThePlaceFromThePhoneOnlyWhenPressed()
    {
        var page = await OpenAsync("api/form", new BrowserNewPageOptions
        {
            Geolocation = new Geolocation { Latitude = 8.4304f, Longitude = 99.9631f, Accuracy = 12 },
            Permissions = ["geolocation"],
        });
        await page.AddInitScriptAsync(CountPositionRequests);
        await page.ReloadAsync();
        var sent = ComplaintBodies(page);

        // Granted and available, yet not asked for: the field stays empty until the reporter presses.
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.positionRequests"));
        await Assertions.Expect(page.Locator("#location")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("จะไม่ส่งตำแหน่งใด ๆ");
        await Assertions.Expect(page.Locator("#location-remove")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#location-warning")).ToContainTextAsync("ไม่ใช่ที่ที่ท่านอยู่ตอนนี้");
        await Assertions.Expect(page.Locator("#location-warning")).ToContainTextAsync("กดเฉพาะเมื่อท่านยืนอยู่ ณ สถานที่เกิดเหตุ");
        Assert.Contains("location-warning", await page.Locator("#location-here").GetAttributeAsync("aria-describedby"), StringComparison.Ordinal);

        await page.ClickAsync("#location-here");

        await Assertions.Expect(page.Locator("#location")).ToHaveValueAsync("8.4304, 99.9631");
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("ตำแหน่งที่จะส่งเป็นสถานที่เกิดเหตุ: 8.43040, 99.96310 (คลาดเคลื่อนได้ประมาณ 12 เมตร)");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.positionRequests"));
        await page.Locator("fieldset", new PageLocatorOptions { Has = page.Locator("#location") }).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Screenshots, "form-location-from-phone.png") });

        // The warning and what will be sent, in English too.
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("#location-warning")).ToContainTextAsync("the place where it happened, not where you are now");
        await Assertions.Expect(page.Locator("#location-warning")).ToContainTextAsync("press it only while you are standing there");
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("This position will be sent as the place where it happened: 8.43040, 99.96310 (accurate to about 12 m)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-location-english.png"), FullPage = true });

        // Removed, it is not sent.
        await page.ClickAsync("#location-remove");
        await Assertions.Expect(page.Locator("#location")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#location")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("No position will be sent.");
        await FillRequiredAsync(page);
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#tracking-code")).ToBeVisibleAsync();
        Assert.False(Assert.Single(sent).TryGetProperty("location", out _));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.positionRequests"));
        Assert.Empty(_cspViolations);
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task Form_BadAmountOrPlace_ShowsFieldErrorsAndTheServersRefusalsLandBesideTheirFields()
    {
        var page = await OpenAsync("api/form");
        await FillRequiredAsync(page);
        await page.FillAsync("#amountThb", "หนึ่งล้านห้าแสน");
        await page.FillAsync("#location", "100.5018, 13.7563");
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("ยังอ่านพิกัดนี้ไม่ได้ จึงยังไม่มีตำแหน่งที่จะส่ง");
        await page.ClickAsync("#submit");

        var amountError = page.Locator("#amountThb-error");
        await Assertions.Expect(amountError).ToHaveTextAsync("ใส่จำนวนเงินเป็นตัวเลขบาทที่ไม่ติดลบ เช่น 1,500,000 หรือ 2,500.50");
        await Assertions.Expect(page.Locator("#amountThb")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Contains("amountThb-error", await page.Locator("#amountThb").GetAttributeAsync("aria-describedby"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#location-error")).ToHaveTextAsync("พิกัดไม่ถูกต้อง ใส่ละติจูดและลองจิจูดคั่นด้วยจุลภาค เช่น 13.7563, 100.5018");
        await Assertions.Expect(page.Locator("#summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#summary-list")).ToContainTextAsync("จำนวนเงินที่เกี่ยวข้อง (บาท ถ้าทราบ): ใส่จำนวนเงินเป็นตัวเลข");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "form-amount-error.png"), FullPage = true });

        // "1,5" is not read as 15, nor a minus sign dropped: nothing goes.
        var sent = ComplaintBodies(page);
        await page.FillAsync("#location", "");
        await Assertions.Expect(page.Locator("#location-sent")).ToHaveTextAsync("จะไม่ส่งตำแหน่งใด ๆ");
        foreach (var bad in new[] { "1,5", "-1500" })
        {
            await page.FillAsync("#amountThb", bad);
            await page.ClickAsync("#submit");
            await Assertions.Expect(page.Locator("#location-error")).ToBeHiddenAsync();
            await Assertions.Expect(amountError).ToHaveTextAsync("ใส่จำนวนเงินเป็นตัวเลขบาทที่ไม่ติดลบ เช่น 1,500,000 หรือ 2,500.50");
        }

        Assert.Empty(sent);

        // What the server refuses lands beside its field too: location.latitude beside the place.
        await page.RouteAsync("**/api/complaints", async route =>
        {
            var body = JsonNode.Parse(route.Request.PostData!)!;
            body["amountThb"] = -1;
            body["location"]!["latitude"] = 95;
            await route.ContinueAsync(new RouteContinueOptions { PostData = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) });
        });
        await page.FillAsync("#amountThb", "1,500,000");
        await page.FillAsync("#location", "13.7563, 100.5018");
        await Assertions.Expect(page.Locator("#location-sent")).ToContainTextAsync("13.75630, 100.50180");
        await page.ClickAsync("#submit");

        await Assertions.Expect(amountError).ToHaveTextAsync("ต้องไม่ติดลบ");
        await Assertions.Expect(page.Locator("#location-error")).ToHaveTextAsync("ต้องอยู่ระหว่าง -90 ถึง 90");
        await Assertions.Expect(page.Locator("#location")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#description-error")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#tracking-code")).ToBeHiddenAsync();
        Assert.Empty(_cspViolations);
        Assert.Empty(_scriptErrors);
    }
}
