using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// The workspace's workshop screens (issue 18, item 4): the door's check-in on a phone, by a QR
/// code shown to the camera and by a typed code, with refusals in red; the organiser's list,
/// creating a workshop in Bangkok time, changing its seats, the attendee list and its CSV.
/// </summary>
[Collection(AppTests.Name)]
public sealed class WorkspaceWorkshopTests(AppFixture fixture)
{
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);
    private readonly AppHost _app = fixture.Host;

    /// <summary>Registers someone through the public route and waits for the seat decision; the confirmation code.</summary>
    private async Task<string> RegisteredAsync(string workshop, string fullName, string status = "confirmed")
    {
        var registered = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new
        {
            fullName,
            position = "นักวิชาการพัสดุ",
            agency = "องค์การบริหารส่วนจังหวัดนครศรีธรรมราช",
            province = "TH-80",
            email = $"ws.{Guid.NewGuid():N}@example.go.th",
            consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var code = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        await Eventually.GetAsync(
            async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() == status ? "" : null,
            TimeSpan.FromSeconds(20),
            $"{fullName} {status}");
        return code;
    }

    private static async Task AccessibleAsync(IPage page)
    {
        var problems = await WorkspaceBrowser.AccessibilityProblemsAsync(page);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<string?> FocusedIdAsync(IPage page) => await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id");

    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task DoorStaff_OnAPhone_CheckInByCameraAndByTypedCode_AndRefusalsShowInRed()
    {
        var title = Unique("อบรมเช็กอินหน้างาน");
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 2, title: title);
        var another = await TestWorkshops.CreateAsync(_app.Client, capacity: 5, title: Unique("อบรมอีกรุ่น"));
        var personA = await RegisteredAsync(workshop, "สมศรี สแกนกล้อง");
        var personB = await RegisteredAsync(workshop, "สมปอง พิมพ์รหัส");
        var waitlisted = await RegisteredAsync(workshop, "สมใจ รอคิว", "waitlisted");
        var elsewhere = await RegisteredAsync(another, "สมชาย ต่างรุ่น");

        // The registrant's QR code is the code itself, as the camera video below draws it.
        using var qr = await TestWorkshops.CodeRouteAsync(_app.Client, "qr", personA);
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal(QrCodes.Svg(personA), await qr.Content.ReadAsStringAsync());
        var video = FakeCameraVideo.WriteQr(personA);

        await using var browser = await WorkspaceBrowser.LaunchAsync(_app, fakeCamera: video);
        var hash = $"#/workshops/{workshop}/checkin";
        var page = await browser.SignedInAsync("สมหมาย ประตูหน้า", "8", [StaffRoles.WorkshopsCheckIn], WorkspaceBrowser.Phone, hash);
        var result = page.Locator("#scan-result");
        await Assertions.Expect(page.Locator("main h2")).ToContainTextAsync(title);
        await Assertions.Expect(result).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(page.Locator("#checkin-count")).ToHaveTextAsync("เช็กอินแล้ว 0 จาก 2 คนที่ได้ที่นั่ง");
        await AccessibleAsync(page);
        await WorkspaceBrowser.ScreenshotAsync(page, "checkin-phone");

        // A by the QR code held to the camera.
        await page.ClickAsync("#camera");
        await Assertions.Expect(page.Locator("#camera-video")).ToBeVisibleAsync();
        await Assertions.Expect(result).ToHaveClassAsync("scan ok", new() { Timeout = 20_000 });
        await Assertions.Expect(result).ToContainTextAsync("สมศรี สแกนกล้อง");
        await Assertions.Expect(page.Locator("#checkin-count")).ToHaveTextAsync("เช็กอินแล้ว 1 จาก 2 คนที่ได้ที่นั่ง");
        await WorkspaceBrowser.ScreenshotAsync(page, "checkin-phone-camera");
        // Still in view: not sent again (which would turn the result red).
        await page.WaitForTimeoutAsync(1500);
        await Assertions.Expect(result).ToHaveClassAsync("scan ok");
        await page.ClickAsync("#camera");
        await Assertions.Expect(page.Locator("#camera-video")).ToBeHiddenAsync();

        // B by the code typed, with the keyboard alone: from the heading, Tab to the code, type, Enter.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main h2")).ToBeFocusedAsync();
        await WorkspaceBrowser.TabToAsync(page, "#code");
        await page.Keyboard.TypeAsync(personB.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(result).ToHaveClassAsync("scan ok");
        await Assertions.Expect(result).ToContainTextAsync("สมปอง พิมพ์รหัส");
        // Ready for the next one: the field empty and focused.
        await Assertions.Expect(page.Locator("#code")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#code")).ToHaveValueAsync("");
        await WorkspaceBrowser.ScreenshotAsync(page, "checkin-phone-ok");

        // A again, typed: already checked in.
        await page.Keyboard.TypeAsync(personA);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(result).ToHaveClassAsync("scan bad");
        await Assertions.Expect(result).ToContainTextAsync("เช็กอินไปแล้ว");
        await WorkspaceBrowser.ScreenshotAsync(page, "checkin-phone-bad");

        // Another workshop's code, a waitlisted one, and something that is no code at all.
        foreach (var (code, reason) in new[] { (elsewhere, "ไม่พบรหัสนี้ในการอบรมนี้"), (waitlisted, "ยังไม่ได้รับการยืนยันที่นั่ง"), ("ABC-123", "รูปแบบรหัสไม่ถูกต้อง") })
        {
            await page.FillAsync("#code", code);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(result).ToContainTextAsync(reason);
            await Assertions.Expect(result).ToHaveClassAsync("scan bad");
        }

        await Assertions.Expect(page.Locator("#checkin-count")).ToHaveTextAsync("เช็กอินแล้ว 2 จาก 2 คนที่ได้ที่นั่ง");

        // The organiser's view of the same workshop agrees.
        var attendees = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsManage, StaffRoles.Region(8)))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["checked_in", "checked_in", "waitlisted"], attendees.EnumerateArray().Select(a => a.GetProperty("status").GetString()));

        // The same screen at desktop width, and the door's list of the workshop (no files for the door).
        var desktop = await browser.SignedInAsync("สมหมาย ประตูหน้า", "8", [StaffRoles.WorkshopsCheckIn], WorkspaceBrowser.Desktop, hash);
        await Assertions.Expect(desktop.Locator("#checkin-count")).ToHaveTextAsync("เช็กอินแล้ว 2 จาก 2 คนที่ได้ที่นั่ง");
        await AccessibleAsync(desktop);
        await WorkspaceBrowser.ScreenshotAsync(desktop, "checkin-desktop");
        await desktop.ClickAsync("text=ดูรายชื่อผู้ลงทะเบียน");
        await Assertions.Expect(desktop.Locator("#attendees tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(desktop.Locator("#download-csv")).ToHaveCountAsync(0);
        await Assertions.Expect(desktop.Locator("#edit-workshop-open")).ToHaveCountAsync(0);

        // Another region's door sees nothing of it.
        var region9 = await browser.SignedInAsync("ประตู ภาค 9", "9", [StaffRoles.WorkshopsCheckIn], WorkspaceBrowser.Phone, hash);
        await Assertions.Expect(region9.Locator(".notice.bad")).ToContainTextAsync("ไม่พบข้อมูลนี้");
        // Already checked in (409), another workshop's code and another region's workshop (404).
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Organiser_CreatesInBangkokTime_SeesFieldErrors_RaisesSeats_AndDownloadsTheCsv()
    {
        // An ended workshop of this year, made through the route: the list marks it.
        var ended = Unique("อบรมที่จบไปแล้ว");
        var endedStart = DateTimeOffset.UtcNow.AddDays(-2).ToOffset(Bangkok);
        var made = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = ended,
            province = "TH-80",
            venue = "หอประชุมอำเภอ",
            startsAt = endedStart.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            endsAt = endedStart.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            registrationDeadline = endedStart.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            capacity = 10,
        }, StaffRoles.WorkshopsManage, StaffRoles.Region(8));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var endedYear = FiscalYear.Of(endedStart).BuddhistYear;

        await using var browser = await WorkspaceBrowser.LaunchAsync(_app);
        var page = await browser.SignedInAsync("สมพร จัดอบรม", "8", [StaffRoles.WorkshopsManage], WorkspaceBrowser.Desktop, $"#/workshops?fiscalYear={endedYear}");
        var endedRow = page.Locator("#workshops tbody tr", new() { HasText = ended });
        await Assertions.Expect(endedRow).ToContainTextAsync("จบแล้ว");
        await Assertions.Expect(page.Locator("nav a[aria-current=page]")).ToHaveTextAsync("การอบรม");
        await AccessibleAsync(page);
        await WorkspaceBrowser.ScreenshotAsync(page, "workshops-desktop");

        // A new workshop, 45 days ahead, 09:00 to 16:00 Bangkok time; first with its end before its start.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Bangkok).Date).AddDays(45);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = Unique("อบรมจัดซื้อจัดจ้างโปร่งใส");
        // Opened with the keyboard: Tab to the button, Enter, and the first field has the focus.
        await page.Locator("main h2").FocusAsync();
        await WorkspaceBrowser.TabToAsync(page, "#new-workshop-open");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#title")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(title);
        await page.SelectOptionAsync("#province", "TH-80");
        await page.FillAsync("#venue", "ศาลากลางจังหวัดนครศรีธรรมราช ห้องประชุม 1");
        await page.FillAsync("#startsAt", $"{dayText}T09:00");
        await page.FillAsync("#endsAt", $"{dayText}T08:00");
        await page.FillAsync("#registrationDeadline", $"{day.AddDays(-3):yyyy-MM-dd}T17:00");
        await page.FillAsync("#capacity", "1");
        await page.ClickAsync("#new-workshop button[type=submit]");
        await Assertions.Expect(page.Locator("#endsAt-error")).ToHaveTextAsync("เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม");
        await Assertions.Expect(page.Locator("#endsAt")).ToHaveAttributeAsync("aria-invalid", "true");
        await AccessibleAsync(page);
        await WorkspaceBrowser.ScreenshotAsync(page, "workshops-form-error");

        await page.FillAsync("#endsAt", $"{dayText}T16:00");
        await page.ClickAsync("#new-workshop button[type=submit]");
        var year = FiscalYear.Of(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), Bangkok)).BuddhistYear;
        await Assertions.Expect(page.Locator("main h2")).ToHaveTextAsync($"การอบรม ปีงบประมาณ {year}");
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync(title);
        var row = page.Locator("#workshops tbody tr", new() { HasText = title });
        var when = await row.Locator("td[data-label='วันเวลา']").InnerTextAsync();
        // Buddhist-era year, Bangkok hours.
        Assert.Contains((day.Year + 543).ToString(CultureInfo.InvariantCulture), when, StringComparison.Ordinal);
        Assert.DoesNotContain(day.Year.ToString(CultureInfo.InvariantCulture), when, StringComparison.Ordinal);
        Assert.Contains("09:00", when, StringComparison.Ordinal);
        Assert.Contains("16:00", when, StringComparison.Ordinal);

        // Stored as the instants meant: 09:00 in Bangkok is 02:00 UTC.
        var listed = (await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops?fiscalYear={year}", null, StaffRoles.WorkshopsManage, StaffRoles.Region(8)))
            .Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(w => w.GetProperty("title").GetString() == title);
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero), listed.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), listed.GetProperty("endsAt").GetDateTimeOffset());
        var id = listed.GetProperty("id").GetString()!;

        // One seat, two people: the second waits.
        await RegisteredAsync(id, "สมบัติ ได้ที่นั่ง");
        await RegisteredAsync(id, "สมทรง รอที่นั่ง", "waitlisted");

        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("main h2")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("#attendees tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#attendees tbody tr").Nth(1)).ToContainTextAsync("รอคิว");
        await AccessibleAsync(page);
        await WorkspaceBrowser.ScreenshotAsync(page, "workshops-attendees-desktop");

        // The CSV, downloaded with the keyboard: Thai headers.
        await page.Locator("main h2").FocusAsync();
        await WorkspaceBrowser.TabToAsync(page, "#download-csv");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', AttendeeList.Headers), lines[0].TrimStart('\uFEFF'));
        Assert.Contains("สมบัติ ได้ที่นั่ง", csv, StringComparison.Ordinal);

        // Two seats: the waitlisted one is promoted, and the screen shows the new counts.
        await page.ClickAsync("#edit-workshop-open");
        await Assertions.Expect(page.Locator("#title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#startsAt")).ToHaveValueAsync($"{dayText}T09:00");
        await page.FillAsync("#capacity", "2");
        await page.ClickAsync("#edit-workshop button[type=submit]");
        await Assertions.Expect(page.Locator("#saved")).ToContainTextAsync("ยืนยันแล้ว 2 · รอคิว 0 · ว่าง 0");
        await Assertions.Expect(page.Locator("#saved")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#attendees tbody tr").Nth(1)).ToContainTextAsync("ยืนยันที่นั่งแล้ว");

        // The attendee list and the workshop list on a phone.
        var phone = await browser.SignedInAsync("สมพร จัดอบรม", "8", [StaffRoles.WorkshopsManage], WorkspaceBrowser.Phone, $"#/workshops/{id}");
        await Assertions.Expect(phone.Locator("#attendees tbody tr")).ToHaveCountAsync(2);
        await AccessibleAsync(phone);
        await WorkspaceBrowser.ScreenshotAsync(phone, "workshops-attendees-phone");
        await phone.GotoAsync($"api/staff#/workshops?fiscalYear={year}");
        await Assertions.Expect(phone.Locator("#workshops tbody tr", new() { HasText = title })).ToBeVisibleAsync();
        await AccessibleAsync(phone);
        await WorkspaceBrowser.ScreenshotAsync(phone, "workshops-phone");
        // The end before the start (400).
        Assert.Empty(browser.Errors);
    }
}
