using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>
/// Work queued, then the host that processes it killed hard part way through (SIGKILL: what a
/// crashed or recycled instance does) and started again: nothing lost, nothing twice, no seat
/// given beyond capacity. Each test has an Azurite of its own, so the counts are exact.
/// </summary>
[Trait("Category", "Long")]
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>How long messages taken by the killed host stay hidden (10 minutes in Azure).</summary>
    private static readonly (string, string) ShortLease = ("LocalHost:QueueLease", "00:00:05");

    [Fact]
    public async Task Complaints_HostKilledMidProcessing_EveryQueuedComplaintStoredExactlyOnce()
    {
        const int Count = 1000;
        await using var azurite = await Azurite.StartNewAsync();
        var account = azurite.Account();
        var complaints = account.Table(StorageNames.ComplaintsTable);

        // Queued through the intake route with nothing processing them yet.
        string[] codes;
        await using (var intake = await AppHost.StartAsync(azurite.ConnectionString, ("AzureWebJobs:ProcessComplaint:Disabled", "true")))
        {
            codes = await SubmitAsync(intake.Client, Count);
        }

        int storedAtKill;
        await using (var first = await LocalHostProcess.StartAsync(azurite.ConnectionString, ShortLease))
        {
            await Eventually.GetAsync(async () => await StoredRows.CountAsync(complaints) >= Count / 10 ? "" : null, TimeSpan.FromMinutes(3), "a tenth stored");
            await first.KillAsync();
            storedAtKill = await StoredRows.CountAsync(complaints);
        }

        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, ShortLease);
        await Eventually.GetAsync(async () => await StoredRows.QueueEmptyAsync(account, StorageNames.ComplaintsQueue) && await StoredRows.CountAsync(complaints) >= Count ? "" : null, TimeSpan.FromMinutes(5), "the queue drained");

        var rows = await StoredRows.ColumnAsync(complaints, "ComplaintId");
        var codeRows = await StoredRows.CountAsync(account.Table(StorageNames.TrackingCodesTable));
        output.WriteLine($"{Count} queued; killed with {storedAtKill} stored; after the restart {rows.Count} complaint rows, {rows.Distinct().Count()} distinct, {codeRows} tracking-code rows.");
        Assert.InRange(storedAtKill, 1, Count - 1);
        Assert.Equal(Count, rows.Count);
        Assert.Equal(Count, rows.Distinct().Count());
        Assert.Equal(Count, codeRows);
        Assert.Equal(0, await StoredRows.PoisonCountAsync(account, StorageNames.ComplaintsQueue));

        // Every reporter's code finds their complaint, registered.
        Assert.All(await ReporterLookups.StatusesAsync(second.Client, codes), s => Assert.Equal("registered", s));
    }

    [Fact]
    public async Task Registrations_HostKilledMidDecision_NoSeatGivenTwiceOrBeyondCapacity()
    {
        const int Capacity = 300, People = 1000;
        await using var azurite = await Azurite.StartNewAsync();
        var account = azurite.Account();
        var registrations = account.Table(StorageNames.RegistrationsTable);

        string workshop;
        string[] codes;
        await using (var intake = await AppHost.StartAsync(azurite.ConnectionString, ("AzureWebJobs:DecideRegistration:Disabled", "true")))
        {
            workshop = await TestWorkshops.CreateAsync(intake.Client, Capacity);
            codes = await RegisterAsync(intake.Client, workshop, People);
        }

        int decidedAtKill;
        await using (var first = await LocalHostProcess.StartAsync(azurite.ConnectionString, ShortLease))
        {
            await Eventually.GetAsync(async () => await DecidedAsync(registrations, workshop) >= 50 ? "" : null, TimeSpan.FromMinutes(3), "50 decided");
            await first.KillAsync();
            decidedAtKill = await DecidedAsync(registrations, workshop);
        }

        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, ShortLease);
        await Eventually.GetAsync(async () => await StoredRows.QueueEmptyAsync(account, StorageNames.RegistrationsQueue) && await DecidedAsync(registrations, workshop) >= People ? "" : null, TimeSpan.FromMinutes(5), "every registration decided");

        JsonElement[] states;
        try
        {
            states = await Task.WhenAll(codes.Select(async code => await TestWorkshops.LookupAsync(second.Client, code)));
        }
        catch (Exception)
        {
            // A lookup that failed after the restart: what the host said is the evidence.
            foreach (var line in second.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(60))
            {
                output.WriteLine(line);
            }

            throw;
        }

        var confirmed = states.Count(s => s.GetProperty("status").GetString() == "confirmed");
        var waitlist = states.Where(s => s.GetProperty("status").GetString() == "waitlisted").Select(s => s.GetProperty("waitlistPosition").GetInt32()).Order().ToArray();
        var ledger = (await registrations.GetEntityAsync<SeatLedger>(workshop, SeatLedger.Row)).Value;
        output.WriteLine($"{People} registrations for {Capacity} seats; killed with {decidedAtKill} decided; after the restart {confirmed} confirmed, {waitlist.Length} waitlisted; ledger {ledger.Confirmed} confirmed, {ledger.Waitlisted} waitlisted.");
        Assert.InRange(decidedAtKill, 1, People - 1);
        Assert.Equal(Capacity, confirmed);
        Assert.Equal(Enumerable.Range(1, People - Capacity), waitlist);
        Assert.Equal((Capacity, People - Capacity), (ledger.Confirmed, ledger.Waitlisted));
    }

    private static Task<string[]> SubmitAsync(HttpClient client, int count) =>
        PostAllAsync(client, count, _ => ("api/complaints", MalformedRequests.ValidComplaint()), "trackingCode");

    private static Task<string[]> RegisterAsync(HttpClient client, string workshop, int count) =>
        PostAllAsync(client, count, i => ($"api/workshops/{workshop}/registrations", new
        {
            fullName = $"ผู้เข้าร่วม ทดสอบ {i}",
            position = "นักวิชาการพัสดุ",
            agency = "สำนักงานจังหวัดนครศรีธรรมราช",
            province = "TH-80",
            email = $"person{i}@example.go.th",
            consent = true,
        }), "confirmationCode");

    /// <summary>The <paramref name="count"/> requests, 16 at a time, each answered 202; the named field of each answer.</summary>
    private static async Task<string[]> PostAllAsync(HttpClient client, int count, Func<int, (string Path, object Body)> request, string field)
    {
        var answers = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            var (path, body) = request(i);
            using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty(field).GetString()!;
        });
        return answers;
    }

    private static async Task<int> DecidedAsync(TableClient registrations, string workshop)
    {
        var count = 0;
        await foreach (var row in registrations.QueryAsync<RegistrationEntity>(r => r.PartitionKey == workshop, select: ["RowKey", "Status"]))
        {
            count += row.RowKey.StartsWith("r-", StringComparison.Ordinal) && row.Status is "confirmed" or "waitlisted" ? 1 : 0;
        }

        return count;
    }
}
