using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// Case work in the staff workspace (issue 18, item 3): a tip sent through the app is found in the
/// queue by its agency, opened, its photo seen, the reporter asked and answering, the case closed
/// with a public note the reporter reads; another region's case is as missing; the reporter's
/// identity opens behind a warning and a reason.
/// </summary>
[Collection(AppTests.Name)]
public sealed class WorkspaceCaseTests(AppFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Officer = [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage];
    private readonly AppHost _app = fixture.Host;
    private WorkspaceBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WorkspaceBrowser.LaunchAsync(_app);

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    private async Task<JsonElement> ReporterViewAsync(string code) =>
        await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Sends a tip through the public route and waits until it is stored: its tracking code and id.</summary>
    private async Task<(string Code, string Id)> SubmitAsync(object tip)
    {
        var submitted = await _app.PostJsonAsync("api/complaints", tip);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var stored = await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored");
        return (code, stored.ComplaintId);
    }

    private async Task<(string Code, string Id, string Agency)> TipWithPhotoAsync(string province = "TH-80")
    {
        var agency = $"เทศบาลตำบลหน้าจองาน{Guid.NewGuid().ToString("N")[..8]}";
        var photo = await _app.UploadAsync(Evidence.Png, "IMG_3001.png");
        var (code, id) = await SubmitAsync(new
        {
            category = "procurement",
            province,
            agency,
            subject = "ฮั้วประมูลถนนคอนกรีต",
            description = "ผู้รับเหมารายเดียวชนะการประมูลทุกโครงการ ภาพถ่ายป้ายโครงการแนบมาด้วย",
            amountThb = 2500000,
            anonymous = true,
            attachmentIds = new[] { photo },
        });
        return (code, id, agency);
    }

    private static Task<bool> FitsTheWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static Task PhotoShownAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const i = document.querySelector('.evidence img'); return !!i && i.complete && i.naturalWidth > 0 && i.alt.length > 0; }");

    [Fact]
    public async Task Journey_TipFoundByAgency_PhotoSeen_ReporterAskedAndAnswering_ClosedWithAPublicNote()
    {
        var (code, id, agency) = await TipWithPhotoAsync();
        var page = await _browser.SignedInAsync("สมศักดิ์ ตรวจงาน", "8", Officer, WorkspaceBrowser.Desktop, "#/cases");
        await Assertions.Expect(page.Locator("main h2")).ToHaveTextAsync("งานเรื่องร้องเรียน");
        await Assertions.Expect(page.Locator("nav [aria-current=page]")).ToHaveTextAsync("งานเรื่องร้องเรียน");

        // The agency search, by keyboard: type, Enter; the filter is in the URL; Tab to the case, Enter.
        await page.FocusAsync("#q");
        await page.Keyboard.TypeAsync(agency);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("table.stack tbody tr")).ToHaveCountAsync(1);
        Assert.Contains("q=" + Uri.EscapeDataString(agency), page.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator("table.stack tbody tr")).ToContainTextAsync(agency);
        await Assertions.Expect(page.Locator("table.stack tbody tr")).ToContainTextAsync("ลงทะเบียนรับเรื่องแล้ว");
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "cases-queue-desktop");
        await WorkspaceBrowser.TabToAsync(page, "a.case-link");
        await page.Keyboard.PressAsync("Enter");

        // The case: its details, and the photo shown inline.
        await Assertions.Expect(page.Locator("main h2")).ToContainTextAsync("เรื่อง R");
        Assert.EndsWith("#/cases/" + id, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("ฮั้วประมูลถนนคอนกรีต");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("2,500,000 บาท");
        await PhotoShownAsync(page);

        // The officer asks; the reporter answers with the code; a reload shows the answer.
        await page.FillAsync("#message-text", "ขอทราบชื่อผู้รับเหมาและเลขที่สัญญาด้วยครับ");
        await page.ClickAsync("#message-go");
        await Assertions.Expect(page.Locator("#case-confirmation[role=status]")).ToHaveTextAsync("ส่งข้อความถึงผู้แจ้งแล้ว");
        await Assertions.Expect(page.Locator(".conversation")).ToContainTextAsync("ขอทราบชื่อผู้รับเหมาและเลขที่สัญญาด้วยครับ");
        Assert.Equal(HttpStatusCode.Created, (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "หจก. ทดสอบการก่อสร้าง สัญญาเลขที่ 12/2569" })).StatusCode);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".conversation")).ToContainTextAsync("หจก. ทดสอบการก่อสร้าง สัญญาเลขที่ 12/2569");
        await Assertions.Expect(page.Locator(".conversation li")).ToHaveCountAsync(2);
        await PhotoShownAsync(page);
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "cases-case-desktop");

        // Closed with a public note, which the reporter reads with the code.
        const string Note = "ตรวจสอบแล้ว ส่งเรื่องให้ผู้ว่าราชการจังหวัดดำเนินการทางวินัย";
        await page.SelectOptionAsync("#status-status", "closed");
        await page.FillAsync("#status-note", Note);
        await page.CheckAsync("#status-public-yes");
        await page.ClickAsync("#status-go");
        await Assertions.Expect(page.Locator("#case-confirmation")).ToHaveTextAsync("เปลี่ยนสถานะเป็น \"ยุติเรื่องแล้ว\" แล้ว");
        await Assertions.Expect(page.Locator(".timeline").First).ToContainTextAsync(Note);
        var final = await ReporterViewAsync(code);
        Assert.Equal("closed", final.GetProperty("status").GetString());
        var history = final.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal("closed", history[^1].GetProperty("status").GetString());
        Assert.Equal(Note, history[^1].GetProperty("note").GetString());

        // Closing it again is refused: the server's reason is shown, next to nothing changed.
        await page.SelectOptionAsync("#status-status", "closed");
        await page.FillAsync("#status-note", "ปิดอีกครั้ง");
        await page.ClickAsync("#status-go");
        await Assertions.Expect(page.Locator("form .problem[role=alert]")).ToBeVisibleAsync();
        Assert.Equal("closed", (await ReporterViewAsync(code)).GetProperty("status").GetString());
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Phone_AViewNamedByItsUrl_AndACaseOpenedByTrackingCode_HaveNoAccessibilityProblems()
    {
        var (code, id, agency) = await TipWithPhotoAsync("TH-84");
        var hash = "#/cases?status=registered&province=TH-84&q=" + Uri.EscapeDataString(agency);
        var page = await _browser.SignedInAsync("วิไล ใจซื่อ", "8", Officer, WorkspaceBrowser.Phone, hash);

        // The URL names the view: its filters are in the form and the list.
        await Assertions.Expect(page.Locator("table.stack tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#status")).ToHaveValueAsync("registered");
        await Assertions.Expect(page.Locator("#province")).ToHaveValueAsync("TH-84");
        await Assertions.Expect(page.Locator("#q")).ToHaveValueAsync(agency);
        Assert.Equal(0, await page.Locator("#region").CountAsync());
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        Assert.True(await FitsTheWidthAsync(page), "the queue is wider than the phone");
        await WorkspaceBrowser.ScreenshotAsync(page, "cases-queue-phone");

        // A reporter on the phone: the tracking code opens the case, and stays out of the URL.
        await page.FillAsync("#cases-lookup", code);
        await page.ClickAsync("form:has(#cases-lookup) button[type=submit]");
        await Assertions.Expect(page.Locator("main h2")).ToContainTextAsync("เรื่อง R");
        Assert.EndsWith("#/cases/" + id, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(code, page.Url, StringComparison.OrdinalIgnoreCase);
        await PhotoShownAsync(page);
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        Assert.True(await FitsTheWidthAsync(page), "the case page is wider than the phone");
        await WorkspaceBrowser.ScreenshotAsync(page, "cases-case-phone");

        // Assign to me, by keyboard alone, then back to the queue filtered on "mine".
        await page.FocusAsync("main h2");
        await WorkspaceBrowser.TabToAsync(page, "#assign-me");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#case-confirmation")).ToHaveTextAsync("ท่านเป็นผู้รับผิดชอบเรื่องนี้แล้ว");
        await page.GotoAsync("api/staff#/cases?assignee=me&q=" + Uri.EscapeDataString(agency));
        await Assertions.Expect(page.Locator("table.stack tbody tr")).ToContainTextAsync("ฉัน");

        // An unknown code is answered in place.
        await page.FillAsync("#cases-lookup", "ABCD-EFGH-JKMN-PQRS-TVWX");
        await page.ClickAsync("form:has(#cases-lookup) button[type=submit]");
        await Assertions.Expect(page.Locator("form .problem")).ToContainTextAsync("ไม่พบเรื่องที่มีรหัสนี้");
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task AnotherRegionsCase_ShowsTheNotFoundNoticeAndNothingOfIt()
    {
        var agency = $"องค์การบริหารส่วนตำบลภาคเก้า{Guid.NewGuid().ToString("N")[..8]}";
        var (_, id) = await SubmitAsync(new { category = "bribery", province = "TH-90", agency, description = "เจ้าหน้าที่เรียกรับเงินใต้โต๊ะเพื่ออนุมัติใบอนุญาต", anonymous = true });

        var page = await _browser.SignedInAsync("สมศักดิ์ ตรวจงาน", "8", Officer, WorkspaceBrowser.Desktop, "#/cases/" + id);

        await Assertions.Expect(page.Locator("main .notice.bad")).ToHaveTextAsync("ไม่พบข้อมูลนี้ หรือไม่อยู่ในขอบเขตงานของท่าน");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(agency, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ใต้โต๊ะ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main .card, main form, main img").CountAsync());
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Identity_OpensAfterTheWarning_WithAReason_AndIsKeptNowhere()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var name = $"มานี มีหลักฐาน{marker}";
        var (_, id) = await SubmitAsync(new
        {
            category = "bribery", province = "TH-80", agency = $"อบต. ทดสอบเปิดตัวตน{marker}",
            description = "ปลัดเรียกรับเงินหนึ่งหมื่นบาทเพื่อเซ็นใบอนุญาตก่อสร้าง", anonymous = false, consent = true,
            reporter = new { name, phone = "081 234 5678", email = $"manee.{marker}@example.com" },
        });
        var page = await _browser.SignedInAsync("ประเสริฐ ผู้อำนวยการ", "8", [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsIdentity], WorkspaceBrowser.Desktop, "#/cases/" + id);

        // The warning comes first; no name is on the page before the opening.
        await Assertions.Expect(page.Locator("#identity-warning")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#identity-warning")).ToContainTextAsync("บันทึกไว้ในบันทึกการใช้งาน");
        Assert.DoesNotContain(name, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#message-text, #status-go").CountAsync());

        // Too short a reason is named at its field; a real one opens the identity.
        await page.FillAsync("#identity-reason", "ดู");
        await page.ClickAsync("#identity-open");
        await Assertions.Expect(page.Locator("#identity-reason-error")).ToBeVisibleAsync();
        await page.FillAsync("#identity-reason", "ต้องติดต่อผู้แจ้งเพื่อขอพยานหลักฐานเพิ่มเติม");
        await page.ClickAsync("#identity-open");
        await Assertions.Expect(page.Locator("#identity-shown")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#identity-shown")).ToContainTextAsync("0812345678");
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "cases-identity-desktop");

        var stored = await page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, sessionStorage, localStorage))");
        Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, page.Url, StringComparison.Ordinal);
        Assert.Empty(_browser.Errors);
    }

    /// <summary>
    /// A case the retention schedule has erased from says so where each thing was: the identity
    /// (no form to open one that is gone, and not "anonymous"), the files, the conversation.
    /// The marks are set here as the daily run sets them (RetentionRunTests run it on storage of their own).
    /// </summary>
    [Fact]
    public async Task ErasedByRetention_TheCaseSaysWhatWentAndWhen()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (_, id) = await SubmitAsync(new
        {
            category = "bribery", province = "TH-80", agency = $"อบต. ทดสอบลบตามกำหนด{marker}",
            description = "ปลัดเรียกรับเงินหนึ่งหมื่นบาทเพื่อเซ็นใบอนุญาตก่อสร้าง", anonymous = false, consent = true,
            reporter = new { name = $"มานะ ลบแล้ว{marker}", phone = "081 234 5678" },
        });
        var store = _app.Service<AntiCorruption.Core.Complaints.ComplaintStore>();
        var complaint = (await store.GetAsync(id, CancellationToken.None))!;
        complaint.Reporter = null;
        complaint.ReporterErasedBy = AntiCorruption.Core.Retention.Erasures.ByRetention;
        complaint.ReporterErasedAt = complaint.EvidenceErasedAt = complaint.MessagesErasedAt = DateTimeOffset.UtcNow;
        Assert.True(await store.TryReplaceAsync(complaint, CancellationToken.None));

        var page = await _browser.SignedInAsync("ประเสริฐ ผู้อำนวยการ", "8", [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsIdentity], WorkspaceBrowser.Desktop, "#/cases/" + id);

        await Assertions.Expect(page.Locator("#identity-erased")).ToContainTextAsync("ถูกลบแล้วตามระยะเวลาเก็บรักษาข้อมูล");
        await Assertions.Expect(page.Locator("#evidence-erased")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#messages-erased")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#identity-reason, #identity-warning").CountAsync());
        Assert.DoesNotContain("ผู้แจ้งไม่ประสงค์ออกนาม", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        Assert.Empty(_browser.Errors);
    }

    /// <summary>
    /// A legal hold placed from the case with a reason stops the reporter turning the case
    /// anonymous; lifted with a reason, the reporter can, and the case then says the reporter
    /// withdrew their identity (never what it was).
    /// </summary>
    [Fact]
    public async Task LegalHold_PlacedWithAReason_StopsTheReportersSwitch_UntilLifted()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (code, id) = await SubmitAsync(new
        {
            category = "bribery", province = "TH-80", agency = $"อบต. ทดสอบระงับ{marker}",
            description = "ปลัดเรียกรับเงินหนึ่งหมื่นบาทเพื่อเซ็นใบอนุญาตก่อสร้าง", anonymous = false, consent = true,
            reporter = new { name = $"สมใจ ผู้แจ้ง{marker}", phone = "081 234 5678" },
        });
        var page = await _browser.SignedInAsync("สมศักดิ์ ตรวจงาน", "8", Officer, WorkspaceBrowser.Desktop, "#/cases/" + id);

        // A reason is needed; with one, the hold is placed and the summary says since when and by whom.
        await page.FillAsync("#hold-reason", "คดี");
        await page.ClickAsync("#hold-go");
        await Assertions.Expect(page.Locator("#hold-reason-error")).ToBeVisibleAsync();
        await page.FillAsync("#hold-reason", "พนักงานสอบสวนขอให้เก็บรักษาพยานหลักฐาน หนังสือที่ 0031/2569");
        await page.ClickAsync("#hold-go");
        await Assertions.Expect(page.Locator("#case-confirmation")).ToContainTextAsync("ระงับการเปลี่ยนแปลงข้อมูลของเรื่องนี้แล้ว");
        await Assertions.Expect(page.Locator("main dl").First).ToContainTextAsync("ระงับตามกฎหมาย (legal hold)");
        await Assertions.Expect(page.Locator("#hold-go")).ToHaveTextAsync("ยกเลิกการระงับ");
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        Assert.Equal(HttpStatusCode.Conflict, (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code })).StatusCode);

        // Lifted: the reporter's switch goes through, and the case says so.
        await page.FillAsync("#hold-reason", "ศาลมีคำพิพากษาถึงที่สุดแล้ว ไม่จำเป็นต้องเก็บรักษาต่อ");
        await page.ClickAsync("#hold-go");
        await Assertions.Expect(page.Locator("#case-confirmation")).ToContainTextAsync("ยกเลิกการระงับตามกฎหมายแล้ว");
        Assert.Equal(HttpStatusCode.OK, (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code })).StatusCode);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main dl").First).ToContainTextAsync("ผู้แจ้งถอนการเปิดเผยตัวตน");
        Assert.DoesNotContain("สมใจ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(_browser.Errors);
    }
}
