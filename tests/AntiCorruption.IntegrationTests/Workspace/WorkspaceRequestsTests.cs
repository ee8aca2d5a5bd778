using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// A registrant's request by letter, handled in the workspace by an officer with
/// <see cref="StaffRoles.DataRequestsManage"/>: found by the national id as the letter spells it,
/// exported as the JSON file the reply encloses, erased with the letter's reference. The value
/// searched for is never in the address bar or the browser's storage, and each step is in the
/// audit trail.
/// </summary>
[Collection(AppTests.Name)]
public sealed class WorkspaceRequestsTests(AppFixture fixture) : IAsyncLifetime
{
    private readonly AppHost _app = fixture.Host;
    private WorkspaceBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WorkspaceBrowser.LaunchAsync(_app);

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task RequestByLetter_FoundByNationalId_Exported_ThenErasedWithTheLettersReference()
    {
        var person = RegistrantRightsTests.NewPerson();
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 10, title: "อบรมธรรมาภิบาล (คำขอทางหนังสือ)");
        var code = await RegistrantRightsTests.RegisterAsync(_app, workshop, person);
        await Eventually.GetAsync(async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() == "confirmed" ? "" : null, TimeSpan.FromSeconds(30), "the seat confirmed");
        var id = RegistrationCodes.Hash(_app.Service<KeyedHasher>(), code);

        // Only the duty sees the screen.
        var other = await _browser.SignedInAsync("สมพร งานอบรม", "8", [StaffRoles.WorkshopsManage], WorkspaceBrowser.Desktop);
        await Assertions.Expect(other.Locator("nav a[href='#/requests']")).ToHaveCountAsync(0);

        var page = await _browser.SignedInAsync("วิไล คุ้มครองข้อมูล", "8", [StaffRoles.DataRequestsManage], WorkspaceBrowser.Desktop);
        await page.ClickAsync("nav a[href='#/requests']");
        await Assertions.Expect(page.Locator("main h2")).ToContainTextAsync("คำขอของเจ้าของข้อมูล");

        // A number that is not a national id is named at the box; the one in the letter, dashes and all, finds the registration.
        await page.FillAsync("#requests-value", "1234567890123");
        await page.ClickAsync("#requests-go");
        await Assertions.Expect(page.Locator("#requests-value-error")).ToBeVisibleAsync();
        var spelt = $"{person.NationalId[..1]}-{person.NationalId[1..5]}-{person.NationalId[5..10]}-{person.NationalId[10..12]}-{person.NationalId[12..]}";
        await page.FillAsync("#requests-value", spelt);
        await page.ClickAsync("#requests-go");
        var row = page.Locator($"#requests-table tr[data-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync(person.FullName);
        await Assertions.Expect(row).ToContainTextAsync("ยืนยันที่นั่งแล้ว");
        await Assertions.Expect(page.Locator("#requests-value-error")).ToBeHiddenAsync();
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "requests-found-desktop");

        // Export: the file the reply encloses, with everything held.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"button[data-export='{id}']"));
        var exported = JsonDocument.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!)).RootElement;
        Assert.Equal(id, exported.GetProperty("id").GetString());
        Assert.Equal(person.NationalId, exported.GetProperty("registration").GetProperty("person").GetProperty("nationalId").GetString());

        // Erase: the reference is asked for next to the list; too short is named; then the answer says what went and what stayed.
        await page.ClickAsync($"button[data-erase='{id}']");
        await Assertions.Expect(page.Locator("#requests-erase-title")).ToBeFocusedAsync();
        await page.FillAsync("#erase-reason", "สั้น");
        await page.ClickAsync("#requests-erase-go");
        await Assertions.Expect(page.Locator("#erase-reason-error")).ToBeVisibleAsync();
        const string Reference = "หนังสือขอลบข้อมูล เลขที่ ปปท 0112/2569 ลงวันที่ 30 พ.ย. 2569";
        await page.FillAsync("#erase-reason", Reference);
        await page.ClickAsync("#requests-erase-go");
        await Assertions.Expect(page.Locator("#requests-erase-done")).ToContainTextAsync("เลขประจำตัวประชาชน");
        await Assertions.Expect(row).Not.ToContainTextAsync(person.FullName);
        await Assertions.Expect(row).ToContainTextAsync("ยกเลิกแล้ว");
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));

        // Found again: erased, with no name.
        await page.ClickAsync("#requests-go");
        await Assertions.Expect(page.Locator("#requests-count")).ToContainTextAsync("ไม่พบ");

        // Nothing of the person in the address bar or the browser's storage; the trail has each step, never the id searched for.
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, sessionStorage, localStorage))");
        Assert.DoesNotContain(person.NationalId[1..], stored + page.Url, StringComparison.Ordinal);
        var records = await TrailRecords.AllAsync(_app);
        Assert.Contains(records, r => r.Action == AuditActions.RegistrationErase && r.Target == id && r.Detail!.Contains(Reference, StringComparison.Ordinal));
        Assert.Contains(records, r => r.Action == AuditActions.RegistrationExport && r.Target == id);
        Assert.DoesNotContain(records, r => (r.Detail ?? "").Contains(person.NationalId, StringComparison.Ordinal));
        Assert.Empty(_browser.Errors);
    }
}
