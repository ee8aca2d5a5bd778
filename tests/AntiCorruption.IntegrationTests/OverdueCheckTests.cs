using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

[Collection(AppTests.Name)]
public class OverdueCheckTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task Run_UnacknowledgedAfterSevenDays_IsFlaggedAndCountedForItsRegion()
    {
        var receivedAt = DateTimeOffset.UtcNow.AddDays(-8);
        var id = ComplaintIds.New(receivedAt);
        var codes = _app.Service<TrackingCodes>();
        var pii = _app.Service<PiiProtector>();
        await _app.Storage.Queue(StorageNames.ComplaintsQueue).SendMessageAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, codes.Hash(codes.New()), receivedAt, ComplaintChannel.Web, "bribery", "TH-90", 9, "เทศบาลนครหาดใหญ่",
            null, null, true, false, [], pii.SealJson(new CaseDetails(null, "เรื่องที่ยังไม่มีใครรับเรื่องเกินเจ็ดวัน", null, null, null), ComplaintMessage.DetailsContext(id)), null)));
        var store = _app.Service<ComplaintStore>();
        await Eventually.GetAsync(() => store.GetAsync(id, CancellationToken.None), TimeSpan.FromSeconds(15), "the complaint to be stored");

        var clock = new FixedTime(DateTimeOffset.UtcNow);
        var check = new OverdueCheck(store, new ComplaintWork(store, clock), clock, NullLogger<OverdueCheck>.Instance);
        var counts = await check.RunAsync(CancellationToken.None);

        var flagged = await store.GetAsync(id, CancellationToken.None);
        Assert.True(flagged!.AcknowledgeOverdue);
        Assert.False(flagged.FeedbackOverdue);
        Assert.True(counts[9].NotAcknowledged >= 1);

        // Three months on, feedback is late too; once staff act, neither is.
        clock.Now = clock.Now.AddMonths(3);
        await check.RunAsync(CancellationToken.None);
        Assert.True((await store.GetAsync(id, CancellationToken.None))!.FeedbackOverdue);

        await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "closed", note = "ปิดเรื่อง", @public = true }, AntiCorruption.Core.Staff.StaffRoles.ComplaintsManage);
        var closed = await store.GetAsync(id, CancellationToken.None);
        Assert.False(closed!.AcknowledgeOverdue);
        Assert.False(closed.FeedbackOverdue);
    }
}
