using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// An action whose audit record cannot be written does not happen: with the end of the trail
/// held by someone else's lease (no append gets through), every audited staff action is refused
/// (503) and the case is as it was.
/// </summary>
[Collection(AppTests.Name)]
public class AuditFailClosedTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task AuditStoreDown_EveryAuditedActionIsRefusedAndNothingChanges()
    {
        var file = await _app.UploadAsync(Evidence.Png);
        var submitted = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery", province = "TH-80", agency = "อบต. ทดสอบบันทึก", description = "ปลัดเรียกรับเงินเพื่อเซ็นอนุญาตก่อสร้าง มีภาพถ่าย",
            anonymous = false, consent = true, reporter = new { name = "ผู้แจ้ง ทดสอบบันทึก", phone = "0812345678" }, attachmentIds = new[] { file },
        });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        var otherCode = (await (await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-80", agency = "อบต. อื่น", description = "อีกเรื่องหนึ่งที่เกี่ยวข้องกับเรื่องแรก", anonymous = true })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var other = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(otherCode)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the other complaint stored")).ComplaintId;
        string[] all = [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage, StaffRoles.ComplaintsIdentity, StaffRoles.AllRegions];

        // A record first, so that the trail has an end to hold.
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, all)).StatusCode);
        var before = (await TrailRecords.AllAsync(_app)).Count;
        HttpResponseMessage[] answers = [];
        await TrailRecords.WhileDownAsync(_app, async () =>
        {
            answers = new[]
            {
                await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, all),
                await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "closed", note = "ปิด", @public = true }, all),
                await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ขอข้อมูลเพิ่ม" }, all),
                await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/notes", new { text = "บันทึกภายใน" }, all),
                await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/identity", new { reason = "ต้องติดต่อผู้แจ้งเพื่อขอหลักฐานเพิ่ม" }, all),
                await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}/attachments/{file}", null, all),
                await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/assignee", new { assignee = "me" }, all),
                await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/links", new { otherId = other, relation = "related" }, all),
                await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}", new { reason = "ย้ายไปเขตที่รับผิดชอบจริง", province = "TH-90" }, all),
                await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = code }, all),
            };

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
            Assert.DoesNotContain("ผู้แจ้ง ทดสอบบันทึก", string.Join(" ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))), StringComparison.Ordinal);
        });

        Assert.Equal(before, (await TrailRecords.AllAsync(_app)).Count);

        var stored = await _app.Service<ComplaintStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal("registered", stored!.Status);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal("TH-80", stored.Province);
        Assert.Null(stored.Assignee);
        var view = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, all)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(view.GetProperty("links").EnumerateArray());
        var reporterView = await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(reporterView.GetProperty("messages").EnumerateArray());
        Assert.Empty(await _app.Service<InternalNotes>().ReadAsync(id, CancellationToken.None));
    }
}
