using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>A case's history grows without limit, and cases stored with the history of the first version read as before.</summary>
[Collection(AppTests.Name)]
public class ComplaintHistoryTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private async Task<ComplaintEntity> StoredComplaintAsync()
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-80", agency = "อบต. ประวัติยาว", description = "เรื่องที่มีการบันทึกความคืบหน้าจำนวนมาก", anonymous = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        return await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored");
    }

    private async Task<JsonElement> StaffViewAsync(string id) =>
        await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead)).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task ACaseWithTwoThousandChanges_AcceptsTheNext()
    {
        var complaint = await StoredComplaintAsync();
        var history = _app.Service<ComplaintHistory>();
        // Between receipt and now, a microsecond apart: earlier than the change that follows.
        var start = complaint.ReceivedAt.AddMilliseconds(1);
        var note = string.Concat(Enumerable.Repeat("บันทึกการสอบสวนพยานปากที่ ", 12));
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await history.AppendAsync(complaint.ComplaintId, new StatusChange(ComplaintStatus.UnderReview, start.AddTicks(i * 10), $"{note}{i}", Public: false, By: "officer-8"), ct));

        var next = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{complaint.ComplaintId}/status", new { status = "referred", note = "ส่งเรื่องให้ สตง. ดำเนินการต่อ", @public = true }, StaffRoles.ComplaintsManage);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var entries = (await StaffViewAsync(complaint.ComplaintId)).GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(2 + 2_000 + 1, entries.Length);
        Assert.Equal("referred", entries[^1].GetProperty("status").GetString());
        Assert.Equal($"{note}1999", entries[^2].GetProperty("note").GetString());
    }

    [Fact]
    public async Task ACaseStoredWithTheWholeHistoryInOneProperty_ReadsAsBeforeAndTakesNewChanges()
    {
        // The first version kept every change in the sealed History property.
        var complaint = await StoredComplaintAsync();
        var at = complaint.ReceivedAt;
        StatusChange[] old =
        [
            new(ComplaintStatus.Received, at), new(ComplaintStatus.Registered, at.AddSeconds(1)),
            new(ComplaintStatus.UnderReview, at.AddHours(1), "บันทึกภายในก่อนปรับรุ่น", false, "officer-old"),
            new(ComplaintStatus.UnderReview, at.AddHours(2), "แจ้งผู้ร้องว่ากำลังตรวจสอบ", true, "officer-old"),
        ];
        complaint.History = _app.Service<PiiProtector>().SealJson(old, ComplaintEntity.HistoryContext(complaint.ComplaintId));
        complaint.Status = "under_review";
        await _app.Storage.Table(StorageNames.ComplaintsTable).UpdateEntityAsync(complaint, complaint.ETag);

        var changed = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{complaint.ComplaintId}/status", new { status = "closed", note = "ปิดเรื่องหลังปรับรุ่น", @public = true }, StaffRoles.ComplaintsManage);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var entries = (await StaffViewAsync(complaint.ComplaintId)).GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(["received", "registered", "under_review", "under_review", "closed"], entries.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("บันทึกภายในก่อนปรับรุ่น", entries[2].GetProperty("note").GetString());
        Assert.Equal("ปิดเรื่องหลังปรับรุ่น", entries[4].GetProperty("note").GetString());
    }
}
