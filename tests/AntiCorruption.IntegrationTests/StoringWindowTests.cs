using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A code whose complaint is not stored is a case only while the queue may still store it
/// (<see cref="StoringWindow"/>). The host here has the processor switched off, so a complaint stays
/// on the queue for as long as a test wants, and an Azurite of its own, so no other host takes it;
/// its clock is the wall clock moved on by what the test says, so the window passes without
/// waiting and whatever the hour.
/// </summary>
public sealed class StoringWindowTests : IAsyncLifetime
{
    private readonly ShiftedTime _clock = new();
    private Azurite _azurite = null!;
    private AppHost _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartNewAsync();
        _app = await AppHost.StartAsync(_azurite.ConnectionString, _clock, ("AzureWebJobs:ProcessComplaint:Disabled", "true"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private async Task<string> SubmitAsync()
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. ท่าศาลา", description = "เจ้าหน้าที่เรียกเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง", anonymous = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    private async Task<(HttpStatusCode Status, string? State)> StatusAsync(string code)
    {
        var response = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code });
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null);
    }

    [Fact]
    public async Task Status_AcceptedAndNotYetStored_IsReceived()
    {
        var code = await SubmitAsync();

        Assert.Equal((HttpStatusCode.OK, "received"), await StatusAsync(code));
        Assert.Empty(await _app.ComplaintsWithCodeAsync(code));
    }

    [Fact]
    public async Task Status_PoisonedComplaint_IsReceivedWithinTheWindowAnd404After()
    {
        var code = await SubmitAsync();
        // What the host does after maxDequeueCount failed attempts (ComplaintJourneyTests watches it
        // do so): the message moves to complaints-poison and the complaint is never stored.
        var hash = _app.Service<TrackingCodes>().Hash(code);
        var queue = _app.Storage.Queue(StorageNames.ComplaintsQueue);
        var message = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value
            .Single(m => ComplaintQueueWriter.Deserialize(m.Body.ToString()).TrackingHash == hash);
        await _app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue)).SendMessageAsync(message.Body.ToString());
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        _clock.Offset = StoringWindow.Length - TimeSpan.FromMinutes(1);
        Assert.Equal((HttpStatusCode.OK, "received"), await StatusAsync(code));

        _clock.Offset = StoringWindow.Length + TimeSpan.FromMinutes(1);
        Assert.Equal((HttpStatusCode.NotFound, null), await StatusAsync(code));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "ยังไม่มีความคืบหน้าหรือ" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = code }, StaffRoles.ComplaintsRead)).StatusCode);
    }
}
