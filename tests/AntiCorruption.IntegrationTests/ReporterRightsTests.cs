using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// An identified reporter's switch to anonymous with the tracking code alone, end to end on
/// Azurite: the identity erased from storage, staff told that it was withdrawn (never what it
/// was), the conversation going on; and a legal hold that stops the switch and says why.
/// </summary>
[Collection(AppTests.Name)]
public class ReporterRightsTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string Region8 = StaffRoles.Region(8);

    private async Task<(string Code, string Id, string Name, string Email)> NamedComplaintAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"สมศรี ผู้แจ้ง{marker}", $"named.{marker}@example.com");
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery", province = "TH-80", agency = $"อบต. ทดสอบสิทธิ {marker}",
            description = "นายก อบต. เรียกรับเงินจากผู้รับเหมาเพื่อตรวจรับงานก่อสร้างถนน", anonymous = false, consent = true,
            reporter = new { name, phone = "089 111 2233", email },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        return (code, id, name, email);
    }

    private async Task<TableEntity> StoredAsync(string id) =>
        (await _app.Storage.Table(StorageNames.ComplaintsTable).GetEntityAsync<TableEntity>(ComplaintEntity.PartitionOf(id), ComplaintEntity.RowKeyOf(id))).Value;

    private Task<HttpResponseMessage> OpenIdentityAsync(string id) =>
        _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = "ตรวจสอบว่าผู้แจ้งยังเปิดเผยตัวตนอยู่หรือไม่" }, StaffRoles.ComplaintsIdentity, Region8);

    [Fact]
    public async Task Anonymize_ErasesTheStoredIdentity_StaffSeeItWithdrawn_AndTheConversationGoesOn()
    {
        var (code, id, name, email) = await NamedComplaintAsync();
        Assert.True((await StoredAsync(id)).ContainsKey("Reporter"));
        var before = DateTimeOffset.UtcNow;

        var response = await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("anonymous").GetBoolean());
        var day = DateOnly.Parse(answer.GetProperty("identityWithdrawnAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(day, new[] { Core.Time.Bangkok.DateOf(before), Core.Time.Bangkok.DateOf(DateTimeOffset.UtcNow) });

        // Storage: the sealed identity is gone, the case is anonymous, and when it became so is kept.
        var stored = await StoredAsync(id);
        Assert.False(stored.ContainsKey("Reporter"));
        Assert.Equal((true, false), (stored.GetBoolean("Anonymous"), stored.GetBoolean("Consent")));
        Assert.InRange(stored.GetDateTimeOffset("IdentityWithdrawnAt")!.Value, before, DateTimeOffset.UtcNow);

        // Staff: the identity route says anonymous and withdrawn; the case and its history say withdrawn, never who.
        var identity = await (await OpenIdentityAsync(id)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(identity.GetProperty("anonymous").GetBoolean());
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("reporter").ValueKind);
        Assert.Equal(stored.GetDateTimeOffset("IdentityWithdrawnAt"), identity.GetProperty("erased").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(Erasures.ByReporter, identity.GetProperty("erased").GetProperty("by").GetString());
        Assert.False(identity.TryGetProperty("identityWithdrawnAt", out _));
        var caseText = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead, Region8)).Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(caseText).RootElement;
        Assert.Equal(Erasures.ByReporter, view.GetProperty("erased").GetProperty("reporter").GetProperty("by").GetString());
        Assert.True(view.GetProperty("summary").GetProperty("anonymous").GetBoolean());
        var step = Assert.Single(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("changes").ValueKind == JsonValueKind.Array);
        var change = Assert.Single(step.GetProperty("changes").EnumerateArray());
        Assert.Equal(("anonymous", "false", "true"), (change.GetProperty("field").GetString(), change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
        Assert.Equal(ReporterIdentityWithdrawal.HistoryNote, step.GetProperty("note").GetString());
        Assert.DoesNotContain(name, caseText, StringComparison.Ordinal);
        Assert.DoesNotContain(email, caseText, StringComparison.Ordinal);

        // The reporter's own view shows status steps only, and the conversation goes on by code.
        var status = await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, status.GetProperty("history").GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "ขอแจ้งข้อมูลเพิ่มเติมโดยไม่เปิดเผยตัวตน" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ได้รับข้อมูลแล้ว ขอบคุณครับ" }, StaffRoles.ComplaintsManage, Region8)).StatusCode);

        // Again: nothing changes, the same day answers.
        var again = await (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(answer.GetProperty("identityWithdrawnAt").GetString(), again.GetProperty("identityWithdrawnAt").GetString());
        Assert.Equal(stored.GetDateTimeOffset("IdentityWithdrawnAt"), (await StoredAsync(id)).GetDateTimeOffset("IdentityWithdrawnAt"));

        foreach (var value in new[] { name, email, "0891112233", code })
        {
            Assert.DoesNotContain(value, _app.Logs.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LegalHold_StopsTheSwitch_WithA409ThatSaysWhy_UntilItIsLifted()
    {
        var (code, id, name, _) = await NamedComplaintAsync();
        const string Reason = "ศาลมีคำสั่งให้เก็บรักษาพยานหลักฐานไว้ระหว่างพิจารณาคดี";

        // Only Complaints.Manage, only in the case's region.
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/legal-hold", new { hold = true, reason = Reason }, StaffRoles.ComplaintsRead, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/legal-hold", new { hold = true, reason = Reason }, StaffRoles.ComplaintsManage, StaffRoles.Region(9))).StatusCode);
        var bad = await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/legal-hold", new { hold = "yes" }, StaffRoles.ComplaintsManage, Region8);
        Assert.Equal(["hold", "reason"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        var placed = await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/legal-hold", new { hold = true, reason = Reason }, StaffRoles.ComplaintsManage, Region8);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var hold = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((true, "officer-Complaints.Manage"), (hold.GetProperty("hold").GetBoolean(), hold.GetProperty("by").GetString()));

        // The reporter is told, in their language, and nothing changed.
        var thai = await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code });
        Assert.Equal(HttpStatusCode.Conflict, thai.StatusCode);
        Assert.Equal("application/problem+json", thai.Content.Headers.ContentType?.MediaType);
        var thaiProblem = await thai.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(":legal-hold", thaiProblem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("legal hold", thaiProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ไม่เปิดเผยตัวตน", thaiProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var english = await (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code }, language: "en")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("This case cannot be made anonymous now: staff have placed a legal hold", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await StoredAsync(id)).ContainsKey("Reporter"));
        Assert.Equal(name, (await (await OpenIdentityAsync(id)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reporter").GetProperty("name").GetString());

        // The case shows the hold; the trail has it with its reason, before anything else of it.
        var view = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead, Region8)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("legalHold").GetProperty("hold").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("erased").GetProperty("reporter").ValueKind);
        var records = await TrailRecords.OfComplaintAsync(_app, id);
        var placing = Assert.Single(records, r => r.Action == AuditActions.ComplaintLegalHold);
        Assert.Equal((8, "officer-Complaints.Manage"), (placing.Region, placing.Actor));
        Assert.Equal($"hold: on; reason: {Reason}", placing.Detail);

        // Lifted: the switch goes through.
        var lifted = await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/legal-hold", new { hold = false, reason = "ศาลมีคำพิพากษาถึงที่สุดแล้ว" }, StaffRoles.ComplaintsManage, Region8);
        Assert.Equal(JsonValueKind.Null, (await lifted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("since").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code })).StatusCode);
        Assert.False((await StoredAsync(id)).ContainsKey("Reporter"));
    }

    [Fact]
    public async Task Anonymize_WhileTheComplaintIsStillOnTheQueue_Is409NotRecordedYet_AndAWrongCodeIs404()
    {
        var codes = _app.Service<TrackingCodes>();
        var code = codes.New();
        var now = DateTimeOffset.UtcNow;
        await _app.Service<ComplaintStore>().AddCodeIfAbsentAsync(TrackingCodeEntity.For(codes.Hash(code), ComplaintIds.New(now), now), CancellationToken.None);

        var queued = await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code }, language: "en");
        Assert.Equal(HttpStatusCode.Conflict, queued.StatusCode);
        Assert.EndsWith(":not-recorded-yet", (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = codes.New() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = _app.Service<ConfirmationCodes>().New() })).StatusCode);
        var bad = await _app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = 12 });
        Assert.Equal(["trackingCode"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>The reporter is told the Bangkok day: just after midnight in Bangkok is still the day before in UTC.</summary>
    [Fact]
    public async Task Anonymize_TellsTheBangkokDay_AndStoresTheInstantOfItsClock()
    {
        var (code, id, _, _) = await NamedComplaintAsync();
        var clock = new FixedTime(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero));
        var store = _app.Service<ComplaintStore>();
        var withdrawal = new ReporterIdentityWithdrawal(new ReporterCaseLookup(_app.Service<TrackingCodes>(), store, clock), new ComplaintWork(store, clock), _app.Service<ComplaintHistory>(), _app.Service<AntiCorruption.Core.Line.LineNotifyLinks>(), clock);

        var result = await withdrawal.WithdrawAsync(JsonDocument.Parse(JsonSerializer.Serialize(new { trackingCode = code })).RootElement, CancellationToken.None);

        var anonymous = Assert.IsType<WithdrawalResult.Anonymous>(result);
        Assert.Equal(new DateOnly(2026, 12, 1), anonymous.View.IdentityWithdrawnAt);
        Assert.Equal(clock.Now, (await StoredAsync(id)).GetDateTimeOffset("IdentityWithdrawnAt"));
    }
}
