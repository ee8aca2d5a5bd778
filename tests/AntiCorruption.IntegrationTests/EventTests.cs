using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>The local event path: producers -> event-outbox -> ForwardIntegrationEvents -> integration-events queue.</summary>
[Collection(AppTests.Name)]
public class EventTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    /// <summary>Reads the integration-events queue (only this class reads it) until an event matches.</summary>
    private Task<(IntegrationEvent Event, string Raw)> PublishedAsync(Func<IntegrationEvent, bool> match, string what) =>
        Eventually.GetAsync<(IntegrationEvent, string)?>(async () =>
        {
            var queue = _app.Storage.Queue(StorageNames.IntegrationEventsQueue);
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
            {
                var raw = message.Body.ToString();
                var integrationEvent = EventOutbox.Read(raw);
                if (match(integrationEvent))
                {
                    return (integrationEvent, raw);
                }
            }

            return null;
        }, TimeSpan.FromSeconds(20), what).ContinueWith(t => t.Result!.Value, TaskScheduler.Default);

    private static string Data(IntegrationEvent e, string name) => ((JsonElement)e.Data[name]!).ToString();

    [Fact]
    public async Task Complaint_RegisteredThenStatusChanged_ArePublishedWithoutPersonalData()
    {
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery",
            province = "TH-90",
            agency = "เทศบาลนครหาดใหญ่",
            description = "ข้อความส่วนตัวที่ต้องไม่ออกไปกับเหตุการณ์ใด ๆ เลย",
            anonymous = false,
            consent = true,
            reporter = new { name = "ชื่อที่ต้องไม่รั่ว", phone = "0822222222" },
        });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var complaint = await Eventually.GetAsync(() => _app.Service<ComplaintStore>().FindByTrackingHashAsync(_app.Service<TrackingCodes>().Hash(code), CancellationToken.None), TimeSpan.FromSeconds(15), "the complaint");

        var reference = _app.Service<ComplaintReferences>().Of(complaint.ComplaintId);
        var (registered, raw) = await PublishedAsync(e => e.EventType == EventTypes.ComplaintRegistered && e.CorrelationId == reference, "ComplaintRegistered");
        Assert.Equal("9", Data(registered, "region"));
        Assert.Equal(reference, Data(registered, "reference"));
        Assert.Equal(IntegrationEvent.CurrentSchemaVersion, registered.SchemaVersion);
        foreach (var secret in new[] { "ชื่อที่ต้องไม่รั่ว", "0822222222", "ข้อความส่วนตัว", code })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }

        var changed = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{complaint.ComplaintId}/status", new { status = "under_review", note = "บันทึกภายในที่ต้องไม่ออกไป" }, StaffRoles.ComplaintsManage);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var (statusChanged, statusRaw) = await PublishedAsync(e => e.EventType == EventTypes.ComplaintStatusChanged && e.CorrelationId == reference, "ComplaintStatusChanged");
        Assert.Equal("registered", Data(statusChanged, "from"));
        Assert.Equal("under_review", Data(statusChanged, "to"));
        Assert.DoesNotContain("บันทึกภายใน", statusRaw, StringComparison.Ordinal);

        // Neither event, nor the Service Bus message made of it, tells the case's time finer than
        // its day or carries its id; nor does any log line of its intake, storing or status change.
        Assert.Equal(Bangkok.DateOf(complaint.ReceivedAt), DateOnly.Parse(Data(registered, "receivedOn"), System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (e, text) in new[] { (registered, raw), (statusChanged, statusRaw) })
        {
            Assert.Equal(ComplaintEventRelease.DayOf(e.OccurredAt), e.OccurredAt);
            Assert.Equal(TimeSpan.FromHours(7), e.OccurredAt.Offset);
            Assert.All(TimeTraces.ClockTimes(text), time => Assert.Equal("00:00", time));
            Assert.Empty(TimeTraces.TimedIds(text));
            Assert.DoesNotContain(complaint.ComplaintId, text, StringComparison.Ordinal);
            var message = ServiceBusEventPublisher.ToMessage(e);
            Assert.Equal(reference, message.CorrelationId);
            Assert.Empty(TimeTraces.TimedIds(message.MessageId));
        }

        Assert.DoesNotContain(complaint.ComplaintId, _app.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, _app.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hotspots_APlantedRise_IsStoredListedForStaffAndPublished()
    {
        var processor = _app.Service<ComplaintProcessor>();
        var codes = _app.Service<TrackingCodes>();
        var pii = _app.Service<PiiProtector>();
        var agency = "อบต. จุดร้อน" + Guid.NewGuid().ToString("N")[..4];
        for (var i = 0; i < 8; i++)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-i - 1);
            var id = ComplaintIds.New(at);
            // Written three ways: one agency after normalisation.
            var written = (i % 3) switch { 0 => agency, 1 => agency.Replace("อบต. ", "อบต.", StringComparison.Ordinal), _ => agency.Replace("อบต. ", "องค์การบริหารส่วนตำบล ", StringComparison.Ordinal) };
            await processor.ProcessAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
                1, id, codes.Hash(codes.New()), at, ComplaintChannel.Web, "procurement", "TH-58", 5, written, null, null, true, false, [],
                pii.SealJson(new CaseDetails(null, "การจัดซื้อจัดจ้างผิดปกติหลายครั้งในเดือนนี้", null, null, null), ComplaintMessage.DetailsContext(id)), null)), CancellationToken.None);
        }

        var found = await _app.Service<HotspotScan>().RunAsync(CancellationToken.None);

        var key = AgencyNames.Normalize(agency);
        var hotspot = Assert.Single(found, h => h.Kind == "agency" && h.Key == key && !h.Regional);
        Assert.Equal(8, hotspot.Recent);
        var listed = await (await _app.StaffAsync(HttpMethod.Get, "api/staff/hotspots", null, StaffRoles.ComplaintsRead)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(listed.EnumerateArray(), h => h.GetProperty("key").GetString() == key && h.GetProperty("recent").GetInt64() == 8);
        await PublishedAsync(e => e.EventType == EventTypes.HotspotDetected && Data(e, "key") == key, "HotspotDetected");

        var forbidden = await _app.StaffAsync(HttpMethod.Get, "api/staff/hotspots", null, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
