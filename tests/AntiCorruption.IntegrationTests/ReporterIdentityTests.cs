using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Need-to-know: a named reporter's identity is in no staff answer but the identity route's, which
/// takes its own role and a reason, and leaves the reason in the audit trail.
/// </summary>
[Collection(AppTests.Name)]
public class ReporterIdentityTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string Region8 = StaffRoles.Region(8);

    private async Task<(string Id, string Name, string Email)> NamedComplaintAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"สมหญิง ผู้แจ้ง{marker}", $"reporter.{marker}@example.com");
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery", province = "TH-80", agency = $"อบต. ทดสอบตัวตน {marker}",
            description = "ปลัดเรียกรับเงินสองหมื่นบาทเพื่อเซ็นอนุญาตก่อสร้าง", anonymous = false, consent = true,
            reporter = new { name, phone = "089 765 4321", email },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        return (id, name, email);
    }

    [Fact]
    public async Task Identity_AbsentFromEveryOtherStaffAnswer_OpenedWithAReasonThatIsAudited()
    {
        var (id, name, email) = await NamedComplaintAsync();

        // List, read, status change and message: the case, never who sent it.
        var answers = new[]
        {
            await _app.StaffAsync(HttpMethod.Get, "api/staff/complaints?region=8&pageSize=200", null, StaffRoles.ComplaintsRead, Region8),
            await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead, Region8),
            await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "under_review" }, StaffRoles.ComplaintsManage, Region8),
            await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ขอสำเนาใบเสร็จด้วยครับ" }, StaffRoles.ComplaintsManage, Region8),
        };
        foreach (var answer in answers)
        {
            Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString());
            var text = await answer.Content.ReadAsStringAsync();
            Assert.DoesNotContain(name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(email, text, StringComparison.Ordinal);
            Assert.DoesNotContain("0897654321", text, StringComparison.Ordinal);
        }

        // The identity route: its own role, a reason, the officer's region.
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = "ต้องติดต่อผู้แจ้งเพื่อขอพยานหลักฐานเพิ่ม" }, StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage, Region8)).StatusCode);
        var noReason = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = "ดู" }, StaffRoles.ComplaintsIdentity, Region8);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["reason"], (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = "ต้องติดต่อผู้แจ้งเพื่อขอพยานหลักฐานเพิ่ม" }, StaffRoles.ComplaintsIdentity, StaffRoles.Region(9))).StatusCode);

        const string Reason = "ต้องติดต่อผู้แจ้งเพื่อขอพยานหลักฐานเพิ่มเติมตามคำสั่งผู้อำนวยการเขต";
        var opened = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = Reason }, StaffRoles.ComplaintsIdentity, Region8);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var identity = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(identity.GetProperty("anonymous").GetBoolean());
        Assert.Equal(name, identity.GetProperty("reporter").GetProperty("name").GetString());
        Assert.Equal(email, identity.GetProperty("reporter").GetProperty("email").GetString());

        // One audit record per opening, with its reason and who opened it; the refused tries left none.
        var rows = await TrailRecords.OfComplaintAsync(_app, id);
        var opening = Assert.Single(rows, r => r.Action == AuditActions.ComplaintIdentity);
        Assert.Contains(Reason, opening.Detail, StringComparison.Ordinal);
        Assert.Equal("officer-Complaints.Identity", opening.Actor);
        Assert.DoesNotContain(rows, r => r.ToString().Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identity_OfAnAnonymousCase_IsNull()
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. ไม่เปิดเผย", description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาต", anonymous = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;

        var opened = await (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = "ตรวจสอบว่าผู้แจ้งเปิดเผยตัวตนหรือไม่" }, StaffRoles.ComplaintsIdentity, Region8)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(opened.GetProperty("anonymous").GetBoolean());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("reporter").ValueKind);
    }
}
