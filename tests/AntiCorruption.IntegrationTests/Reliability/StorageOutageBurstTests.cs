using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Xunit.Abstractions;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>
/// Storage goes away in the middle of a burst of submissions and comes back: every request is
/// answered 202 or 503 with Retry-After, every submission answered 202 is stored exactly once
/// (even when a first try reached storage and only its answer was lost), and no complaint is
/// left without its tracking code or the other way round.
/// </summary>
[Trait("Category", "Long")]
public sealed class StorageOutageBurstTests(ITestOutputHelper output)
{
    private const int Clients = 8;

    [Fact]
    public async Task Burst_StorageStoppedAndRestarted_Every202StoredEveryOther503WithRetryAfter()
    {
        await using var azurite = await Azurite.StartNewAsync();
        // Messages taken just before the outage cannot be handed back while it lasts; they
        // reappear after their lease (10 minutes in Azure, seconds here).
        await using var app = await AppHost.StartAsync(azurite.ConnectionString, ("LocalHost:QueueLease", "00:00:05"));
        var accepted = new ConcurrentBag<string>();
        var refused = 0;
        var unexpected = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        // Each client submits one complaint after another, as the form does: with an
        // Idempotency-Key, and on a 503 the same request again with the same key until it is taken.
        var clients = Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var key = Guid.NewGuid().ToString();
                while (true)
                {
                    using var response = await app.PostJsonAsync("api/complaints", MalformedRequests.ValidComplaint(), idempotencyKey: key);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
                        break;
                    }

                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(200);
                        continue;
                    }

                    unexpected.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    break;
                }
            }
        }).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var beforeOutage = accepted.Count;
        await azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var duringOutage = accepted.Count;
        await azurite.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        Assert.True(refused > 0, "no submission met the outage");
        Assert.True(accepted.Count > duringOutage, "no submission was accepted after storage came back");

        // Every accepted complaint is stored and registered, once the queue has caught up.
        var account = azurite.Account();
        var codes = accepted.ToArray();
        try
        {
            await Eventually.GetAsync(
                async () => await StoredRows.CountAsync(account.Table(StorageNames.ComplaintsTable)) >= codes.Length ? "" : null,
                TimeSpan.FromMinutes(2),
                "every accepted complaint stored");
        }
        catch (TimeoutException ex)
        {
            var queue = (await account.Queue(StorageNames.ComplaintsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            throw new TimeoutException($"{ex.Message} {codes.Length} accepted ({beforeOutage} before the outage, {duringOutage} by its start), {refused} refused; stored {await StoredRows.CountAsync(account.Table(StorageNames.ComplaintsTable))}; {queue} still queued, {await StoredRows.PoisonCountAsync(account, StorageNames.ComplaintsQueue)} poisoned.", ex);
        }
        Assert.All(await ReporterLookups.StatusesAsync(app.Client, codes), s => Assert.Equal("registered", s));

        // Nothing half-written and nothing twice: one complaint, with its tracking code, per
        // submission, including those whose first try reached storage as it stopped but whose
        // answer was lost (the retry with the same key queued the same complaint again).
        var complaints = await StoredRows.CountAsync(account.Table(StorageNames.ComplaintsTable));
        var trackingCodes = await StoredRows.CountAsync(account.Table(StorageNames.TrackingCodesTable));
        output.WriteLine($"{codes.Length} submissions by {Clients} clients, {codes.Length + refused} requests: {codes.Length} answered 202 ({beforeOutage} before the outage, {duringOutage - beforeOutage} while it began, {codes.Length - duringOutage} after), {refused} answered 503 with Retry-After and were retried, none otherwise; stored: {complaints} complaints, {trackingCodes} tracking codes.");
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.Equal(codes.Length, complaints);
        Assert.Equal(codes.Length, trackingCodes);
    }
}
