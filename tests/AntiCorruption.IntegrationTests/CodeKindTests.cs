using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A complaint's tracking code and a workshop's confirmation code look alike and come from one
/// key, but each kind is taken only where it belongs; and codes given out before the kinds had
/// checks of their own still lead to what was stored for them.
/// </summary>
[Collection(AppTests.Name)]
public class CodeKindTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private async Task<string> RegisterAsync()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 5);
        var response = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new
        {
            fullName = "ผู้เข้าร่วม รหัสยืนยัน",
            province = "TH-80",
            email = $"{Guid.NewGuid():N}@example.go.th",
            consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
    }

    /// <summary>The answers of the three routes that take a tracking code: the reporter's status and message, and the hotline's lookup.</summary>
    private async Task<HttpStatusCode[]> ComplaintRoutesAsync(string code) =>
    [
        (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).StatusCode,
        (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "ขอเพิ่มเติมข้อมูลเรื่องนี้" })).StatusCode,
        (await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = code }, StaffRoles.ComplaintsRead)).StatusCode,
    ];

    [Fact]
    public async Task Status_WorkshopConfirmationCode_Is404()
    {
        var code = await RegisterAsync();

        var status = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code }, language: "en");

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("application/problem+json", status.Content.Headers.ContentType!.MediaType);
        Assert.All(await ComplaintRoutesAsync(code), s => Assert.Equal(HttpStatusCode.NotFound, s));
        // Still a good code where it belongs.
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "lookup", code)).StatusCode);
    }

    [Fact]
    public async Task RegistrationRoutes_ComplaintTrackingCode_Are404()
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. ท่าศาลา", description = "เจ้าหน้าที่เรียกเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง", anonymous = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).Count == 1 ? "" : null, TimeSpan.FromSeconds(15), "the complaint stored");

        foreach (var route in new[] { "lookup", "qr", "cancel" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await TestWorkshops.CodeRouteAsync(_app.Client, route, code)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).StatusCode);
    }

    [Fact]
    public async Task Status_CodeStoredBeforeKindsHadTheirOwnCheck_StillFindsTheCase()
    {
        var code = SharedCheckCodes.New(_app.Service<KeyedHasher>());
        var hash = _app.Service<TrackingCodes>().Hash(code);
        var receivedAt = DateTimeOffset.UtcNow.AddDays(-3);
        var id = ComplaintIds.New(receivedAt);
        var pii = _app.Service<PiiProtector>();
        // The code's row as the processor wrote it then (no issue time), and its complaint, which
        // the processor stores from the message as it did.
        var codes = _app.Storage.Table(StorageNames.TrackingCodesTable);
        await codes.AddEntityAsync(new TableEntity(hash[..2], hash) { ["ComplaintPartition"] = ComplaintEntity.PartitionOf(id), ["ComplaintId"] = id });
        await _app.Storage.Queue(StorageNames.ComplaintsQueue).SendMessageAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, hash, receivedAt, ComplaintChannel.Web, "bribery", "TH-80", 8, "อบต. ท่าศาลา",
            null, null, true, false, [], pii.SealJson(new CaseDetails(null, "เรื่องที่รับไว้ก่อนรหัสแต่ละชนิดมีคีย์ตรวจของตนเอง", null, null, null), ComplaintMessage.DetailsContext(id)), null)));
        await Eventually.GetAsync(() => _app.Service<ComplaintStore>().GetAsync(id, CancellationToken.None), TimeSpan.FromSeconds(15), "the complaint stored");

        var status = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code });
        var lookup = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = code }, StaffRoles.ComplaintsRead);
        var message = await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "ขอเพิ่มเติมข้อมูลเรื่องนี้" });

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("registered", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(id, (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Created, message.StatusCode);
        Assert.Null((await codes.GetEntityAsync<TableEntity>(hash[..2], hash)).Value.GetDateTimeOffset("IssuedAt"));
    }

    [Fact]
    public async Task Registration_CodeStoredBeforeKindsHadTheirOwnCheck_StillFoundAndNoCase()
    {
        var code = SharedCheckCodes.New(_app.Service<KeyedHasher>());
        var workshop = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-80", 8, DateTimeOffset.UtcNow.AddDays(30), capacity: 10);
        await LegacyWorkshopRows.RegistrationAsync(_app, workshop, "ผู้ลงทะเบียน ก่อนปรับรุ่น", "confirmed", 1, DateTimeOffset.UtcNow.AddDays(-2), code: code);

        var view = await TestWorkshops.LookupAsync(_app.Client, code);

        Assert.Equal("confirmed", view.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "qr", code)).StatusCode);
        // It passes the complaints' old check too, but no complaint was stored for it.
        Assert.All(await ComplaintRoutesAsync(code), s => Assert.Equal(HttpStatusCode.NotFound, s));
    }
}
