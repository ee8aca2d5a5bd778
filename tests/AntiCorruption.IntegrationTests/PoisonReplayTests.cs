using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Operations;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Storage.Queues;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Complaints whose messages ended in <c>complaints-poison</c> (storage was failing, say) are
/// moved back by a replay request once the cause is fixed: each stored once, even when the
/// poison queue holds a message twice, and a second request moves nothing more. On an Azurite of
/// its own, so no other host takes the queue's messages meanwhile.
/// </summary>
public sealed class PoisonReplayTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await Azurite.StartNewAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Replay_PoisonedComplaints_AreStoredOnceAndTheRequestIsIdempotent()
    {
        var codes = new List<string>();
        await using (var intakeOnly = await AppHost.StartAsync(_azurite.ConnectionString, ("AzureWebJobs:ProcessComplaint:Disabled", "true")))
        {
            for (var i = 0; i < 2; i++)
            {
                var response = await intakeOnly.PostJsonAsync("api/complaints", new
                {
                    category = "bribery",
                    province = "TH-80",
                    agency = "อบต. ท่าศาลา",
                    description = $"เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้างอาคาร ครั้งที่ {i + 1}",
                    anonymous = true,
                });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                codes.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
            }
        }

        var storage = _azurite.Account();
        var queue = storage.Queue(StorageNames.ComplaintsQueue);
        var poison = storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue));
        await poison.CreateIfNotExistsAsync();
        var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
        Assert.Equal(2, messages.Length);
        foreach (var message in messages)
        {
            // As the Functions host moves a message that failed five times.
            await poison.SendMessageAsync(message.Body);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        await poison.SendMessageAsync(messages[0].Body); // one of them there twice

        await using var app = await AppHost.StartAsync(_azurite.ConnectionString);
        await RequestAsync(storage, """{"queue":"complaints"}""");

        foreach (var code in codes)
        {
            await Eventually.GetAsync(async () => (await app.ComplaintsWithCodeAsync(code)).SingleOrDefault(), TimeSpan.FromSeconds(30), "the replayed complaint to be stored");
        }

        await Eventually.GetAsync<object>(async () => await CountAsync(poison) == 0 && await CountAsync(queue) == 0 ? new object() : null, TimeSpan.FromSeconds(30), "both queues to be empty");
        await RequestAsync(storage, """{"queue":"complaints"}""");
        await RequestAsync(storage, """{"queue":"audit-trail"}""");
        await Eventually.GetAsync<object>(async () => await CountAsync(storage.Queue(PoisonReplay.RequestsQueue)) == 0 ? new object() : null, TimeSpan.FromSeconds(30), "the requests to be taken");

        foreach (var code in codes)
        {
            Assert.Single(await app.ComplaintsWithCodeAsync(code));
        }

        Assert.Equal(0, await CountAsync(storage.Queue(StorageNames.PoisonQueueOf(PoisonReplay.RequestsQueue))));
        Assert.Contains(app.Logs.Lines, line => line.Contains("Replayed 3 message(s) from the poison queue of complaints", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.Contains("Poison replay request refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_MessagePoisonedAfterTheRequest_StaysForTheNextRequest()
    {
        var storage = _azurite.Account();
        var poison = storage.Queue(StorageNames.PoisonQueueOf(StorageNames.RegistrationsQueue));
        await poison.CreateIfNotExistsAsync();
        await storage.Queue(StorageNames.RegistrationsQueue).CreateIfNotExistsAsync();
        await poison.SendMessageAsync("bm90IGEgcmVhbCBtZXNzYWdl");
        var replay = new PoisonReplay(storage, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PoisonReplay>.Instance);

        var result = await replay.ReplayAsync(StorageNames.RegistrationsQueue, DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);

        Assert.Equal(new PoisonReplayResult(0, 1, 1), result);
        Assert.Equal(0, await CountAsync(storage.Queue(StorageNames.RegistrationsQueue)));
        Assert.NotNull((await poison.ReceiveMessageAsync()).Value); // visible again at once
    }

    /// <summary>
    /// A copy of a named complaint's message left in the poison queue (its case stored all the
    /// same, say the step after the store kept failing) still holds the sealed identity. The
    /// reporter then turns the case anonymous; replaying that copy stores nothing over the case,
    /// so the identity does not come back.
    /// </summary>
    [Fact]
    public async Task Replay_AfterTheReporterWithdrewTheirIdentity_DoesNotBringItBack()
    {
        string code;
        await using (var intakeOnly = await AppHost.StartAsync(_azurite.ConnectionString, ("AzureWebJobs:ProcessComplaint:Disabled", "true")))
        {
            var response = await intakeOnly.PostJsonAsync("api/complaints", new
            {
                category = "bribery", province = "TH-80", agency = "อบต. ทดสอบการถอนตัวตน",
                description = "นายก อบต. เรียกรับเงินจากผู้รับเหมาเพื่อตรวจรับงานก่อสร้างถนน", anonymous = false, consent = true,
                reporter = new { name = "สมศรี ผู้แจ้งถอนตัวตน", phone = "089 111 2233" },
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        }

        var storage = _azurite.Account();
        var queue = storage.Queue(StorageNames.ComplaintsQueue);
        var poison = storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue));
        await poison.CreateIfNotExistsAsync();
        var copy = (await queue.PeekMessageAsync()).Value.Body;

        await using var app = await AppHost.StartAsync(_azurite.ConnectionString);
        await Eventually.GetAsync(async () => (await app.ComplaintsWithCodeAsync(code)).SingleOrDefault(), TimeSpan.FromSeconds(30), "the complaint stored");
        Assert.Equal(HttpStatusCode.OK, (await app.PostJsonAsync("api/complaints/anonymize", new { trackingCode = code })).StatusCode);

        await poison.SendMessageAsync(copy);
        await RequestAsync(storage, """{"queue":"complaints"}""");
        await Eventually.GetAsync<object>(async () => await CountAsync(poison) == 0 && await CountAsync(queue) == 0 ? new object() : null, TimeSpan.FromSeconds(30), "the copy replayed and taken");
        await Eventually.GetAsync(async () => app.Logs.Lines.FirstOrDefault(l => l.Contains("was already stored; redelivery ignored", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the replayed copy processed");

        var complaint = Assert.Single(await app.ComplaintsWithCodeAsync(code));
        Assert.True(complaint.Anonymous);
        Assert.Null(complaint.Reporter);
        Assert.NotNull(complaint.IdentityWithdrawnAt);
    }

    private static async Task RequestAsync(StorageAccount storage, string json)
    {
        var requests = storage.Queue(PoisonReplay.RequestsQueue);
        await requests.CreateIfNotExistsAsync();
        await requests.SendMessageAsync(json);
    }

    private static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
