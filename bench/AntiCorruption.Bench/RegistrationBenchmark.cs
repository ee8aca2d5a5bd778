using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.Bench;

/// <summary>
/// Seat decisions for one large workshop: more registrations than seats are queued, then the
/// DecideRegistration trigger (up to 24 workers racing on one seat ledger) decides them all.
/// Checked afterwards: exactly the capacity confirmed, the rest waitlisted, every place in line
/// given once. The floor is inserting the same registration rows, one request each.
/// </summary>
internal static class RegistrationBenchmark
{
    private const int Workers = 24;

    public static async Task<Finding> RunAsync(BenchOptions options)
    {
        await using var azurite = await Azurite.StartNewAsync();
        var account = azurite.Account();
        var capacity = options.Seats;
        var count = capacity + options.Seats / 20;

        string workshop;
        await using (var intake = await BenchApp.StartAsync(azurite.ConnectionString, BenchApp.HttpOnly))
        {
            workshop = await CreateWorkshopAsync(intake.Client, capacity);
            var registrations = intake.Service<RegistrationIntake>();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) <= count)
                {
                    var result = await registrations.RegisterAsync(workshop, Person(i), CancellationToken.None);
                    if (result is not RegisterResult.Accepted)
                    {
                        throw new InvalidOperationException($"Registration {i} was not accepted: {result}.");
                    }
                }
            }));
        }

        var queue = account.Queue(StorageNames.RegistrationsQueue);
        var table = account.Table(StorageNames.RegistrationsTable);
        using var calls = new StorageCalls(azurite.ConnectionString);
        var decider = await BenchApp.StartAsync(azurite.ConnectionString, BenchApp.Only("DecideRegistration"));
        var (elapsed, _) = await Storage.DrainAsync(queue, Stopwatch.StartNew(), TimeSpan.FromMinutes(20));
        await decider.DisposeAsync();
        var profile = calls.Profile(count);

        var ledger = (await table.GetEntityAsync<SeatLedger>(workshop, SeatLedger.Row)).Value;
        var rows = await Storage.ReadAllAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {workshop} and RowKey ge {"r-"} and RowKey lt {"r."}"));
        var confirmed = rows.Count(r => (string)r["Status"] == "confirmed");
        var waitlisted = rows.Count(r => (string)r["Status"] == "waitlisted");
        var places = rows.Select(r => r.GetInt64("Sequence") ?? 0).Distinct().Count();
        if (rows.Count != count || confirmed != capacity || waitlisted != count - capacity || ledger.Confirmed != capacity || places != count)
        {
            throw new InvalidOperationException($"Seats went wrong: {rows.Count} rows, {confirmed} confirmed, {waitlisted} waitlisted, ledger {ledger.Confirmed}, {places} distinct places.");
        }

        var rate = count / elapsed.TotalSeconds;
        var floorTable = account.Table("benchfloorregistrations");
        var floor = await Storage.InsertFloorAsync(rows.Select(r => new (TableClient, TableEntity)[] { (floorTable, r) }).ToArray(), Workers);
        var ratio = rate / floor;
        var details = new Markdown()
            .Line($"A workshop of {capacity:#,0} seats; {count:#,0} registrations taken in through RegistrationIntake (each with its duplicate guards), then decided by one app instance in {Markdown.N(elapsed.TotalSeconds, "0.0")} s: {Markdown.N(rate)} registrations/s.")
            .Line($"Afterwards: {confirmed:#,0} confirmed (= capacity), {waitlisted:#,0} waitlisted, {places:#,0} distinct places in line, ledger confirmed {ledger.Confirmed:#,0}: no overbooking.")
            .Line()
            .Line($"Floor: the same {count:#,0} registration rows inserted one request each by {Workers} workers: {Markdown.N(floor)} rows/s.")
            .Line()
            .Line($"Profile: per registration, the decisions made {profile} (the polls of the emptying queue included). Each message reads its registration; each batch of up to 49 reads the ledger and the head of the pending line and commits one transaction, and a worker that loses the race for the ledger reads again. The seconds above show where the time went on the emulator. In Azure a queue's target is 2,000 messages/s whatever its length, and a table partition's 2,000 entities/s.");
        return new Finding(
            "registration processing",
            $"{Markdown.N(rate)} registrations/s into one {capacity:#,0}-seat workshop; {confirmed:#,0} confirmed, {waitlisted:#,0} waitlisted",
            $"{Markdown.N(floor)} raw inserts/s",
            Markdown.N(ratio, "0.00"),
            ">= 0.5",
            ratio >= 0.5,
            details.ToString());
    }

    private static async Task<string> CreateWorkshopAsync(HttpClient client, int capacity)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(7));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/staff/workshops")
        {
            Content = JsonContent.Create(new
            {
                title = "อบรมเชิงปฏิบัติการเครือข่ายต่อต้านการทุจริต (ทดสอบสมรรถนะ)",
                province = "TH-80",
                venue = "หอประชุมจังหวัดนครศรีธรรมราช",
                startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                endsAt = starts.AddHours(7).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                capacity,
                registrationDeadline = starts.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            }),
        };
        request.Headers.Authorization = new("Bearer", TestKeys.StaffToken(StaffRoles.WorkshopsManage));
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the workshop answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A distinct civil servant: own email and mobile number.</summary>
    private static JsonElement Person(int i) => JsonSerializer.SerializeToElement(new
    {
        fullName = $"ผู้เข้าร่วม หมายเลข{i}",
        position = "นักวิเคราะห์นโยบายและแผน",
        agency = "สำนักงานจังหวัดนครศรีธรรมราช",
        province = "TH-80",
        email = $"participant{i}@example.go.th",
        phone = $"08{i:D8}",
        consent = true,
    });
}
