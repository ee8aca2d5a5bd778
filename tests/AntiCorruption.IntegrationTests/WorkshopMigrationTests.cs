using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Workshops;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Workshops and registrations stored before the staff list existed, written raw in the first
/// version's shape, read through the staff list and the attendee list of today.
/// </summary>
[Collection(AppTests.Name)]
public class WorkshopMigrationTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task StoredBefore_ListedWithSeatsAndAttendees_ByTheRegionOfTheirProvince()
    {
        // A past workshop of fiscal year 2565 in Chumphon (region 8), stored with region 0 by an
        // older mapping; and one with no seat ledger at all.
        var startsAt = new DateTimeOffset(2022, 3, 15, 2, 0, 0, TimeSpan.Zero);
        var year = FiscalYear.Of(startsAt).BuddhistYear;
        var workshop = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-86", storedRegion: 0, startsAt, capacity: 2);
        var noLedger = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-86", storedRegion: 8, startsAt.AddDays(1), capacity: 30, withLedger: false);
        await LegacyWorkshopRows.RegistrationAsync(_app, workshop, "ผู้ลงทะเบียนเดิม หนึ่ง", "checked_in", 1, startsAt.AddDays(-10), startsAt.AddMinutes(-20));
        await LegacyWorkshopRows.RegistrationAsync(_app, workshop, "ผู้ลงทะเบียนเดิม สอง", "confirmed", 2, startsAt.AddDays(-9));
        await LegacyWorkshopRows.RegistrationAsync(_app, workshop, "ผู้ลงทะเบียนเดิม สาม", "waitlisted", 3, startsAt.AddDays(-8));

        var region8 = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops?fiscalYear={year}", null, StaffRoles.WorkshopsCheckIn, StaffRoles.Region(8))).Content.ReadFromJsonAsync<JsonElement>();
        var region0 = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops?fiscalYear={year}", null, StaffRoles.WorkshopsManage, StaffRoles.Region(0))).Content.ReadFromJsonAsync<JsonElement>();

        var listed = Assert.Single(region8.EnumerateArray(), w => w.GetProperty("id").GetString() == workshop);
        Assert.Equal(8, listed.GetProperty("region").GetInt32());
        Assert.Equal(2, listed.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, listed.GetProperty("waitlisted").GetInt32());
        Assert.Equal(1, listed.GetProperty("checkedIn").GetInt32());
        Assert.Equal(0, listed.GetProperty("seatsRemaining").GetInt32());
        Assert.True(listed.GetProperty("past").GetBoolean());
        Assert.False(listed.GetProperty("registrationOpen").GetBoolean());
        var bare = Assert.Single(region8.EnumerateArray(), w => w.GetProperty("id").GetString() == noLedger);
        Assert.Equal(30, bare.GetProperty("seatsRemaining").GetInt32());
        Assert.DoesNotContain(region0.EnumerateArray(), w => w.GetProperty("id").GetString() == workshop);

        var attendees = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsCheckIn, StaffRoles.Region(8));
        Assert.Equal(HttpStatusCode.OK, attendees.StatusCode);
        var people = (await attendees.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToArray();
        Assert.Equal(["ผู้ลงทะเบียนเดิม หนึ่ง", "ผู้ลงทะเบียนเดิม สอง", "ผู้ลงทะเบียนเดิม สาม"], people.Select(p => p.GetProperty("fullName").GetString()));
        Assert.Equal(["checked_in", "confirmed", "waitlisted"], people.Select(p => p.GetProperty("status").GetString()));
        Assert.Equal("ชุมพร", people[0].GetProperty("provinceName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsManage, StaffRoles.Region(0))).StatusCode);

        var csv = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=csv", null, StaffRoles.WorkshopsManage, StaffRoles.Region(8));
        var rows = TestSummaries.Csv(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, rows.Count);
        Assert.Equal("ผู้ลงทะเบียนเดิม สาม", rows[3][1]);
    }

    [Fact]
    public async Task StoredBefore_AWaitlist_IsIndexedAtItsNextSeatChange_AndPromotedInOrder()
    {
        // Two seats taken and three people waiting, stored before waitlists had their index.
        var startsAt = new DateTimeOffset(2031, 2, 10, 2, 0, 0, TimeSpan.Zero);
        var workshop = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-86", storedRegion: 8, startsAt, capacity: 2);
        var codes = Enumerable.Range(0, 5).Select(_ => _app.Service<ConfirmationCodes>().New()).ToArray();
        string[] statuses = ["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"];
        // Stored out of order, so that an index read in storage order would promote the wrong one.
        foreach (var i in new[] { 0, 1, 4, 2, 3 })
        {
            await LegacyWorkshopRows.RegistrationAsync(_app, workshop, $"ผู้ลงทะเบียนเดิม {i + 1}", statuses[i], i + 1, startsAt.AddDays(-30 + i), code: codes[i]);
        }

        var table = _app.Storage.Table(StorageNames.RegistrationsTable);
        Assert.False((await table.GetEntityAsync<SeatLedger>(workshop, SeatLedger.Row)).Value.WaitlistIndexed);
        Assert.Equal(2, (await TestWorkshops.LookupAsync(_app.Client, codes[3])).GetProperty("waitlistPosition").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", codes[0])).StatusCode);

        var ledger = (await table.GetEntityAsync<SeatLedger>(workshop, SeatLedger.Row)).Value;
        Assert.True(ledger.WaitlistIndexed);
        Assert.Equal((2, 2), (ledger.Confirmed, ledger.Waitlisted));
        Assert.Equal("confirmed", (await TestWorkshops.LookupAsync(_app.Client, codes[2])).GetProperty("status").GetString());
        Assert.Equal(1, (await TestWorkshops.LookupAsync(_app.Client, codes[3])).GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(2, (await TestWorkshops.LookupAsync(_app.Client, codes[4])).GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(new long[] { 4, 5 }, await IndexedSequencesAsync(table, workshop));

        // From now on the index alone says who is next: a waitlisted person leaves, then a seat frees.
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", codes[3])).StatusCode);
        Assert.Equal(new long[] { 5 }, await IndexedSequencesAsync(table, workshop));
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", codes[1])).StatusCode);
        Assert.Equal("confirmed", (await TestWorkshops.LookupAsync(_app.Client, codes[4])).GetProperty("status").GetString());
        Assert.Empty(await IndexedSequencesAsync(table, workshop));
    }

    private static async Task<long[]> IndexedSequencesAsync(TableClient table, string workshop)
    {
        var sequences = new List<long>();
        await foreach (var entry in table.QueryAsync<WaitlistEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {workshop} and RowKey ge {"w-"} and RowKey lt {"w."}")))
        {
            sequences.Add(long.Parse(entry.RowKey[2..], System.Globalization.CultureInfo.InvariantCulture));
        }

        return [.. sequences];
    }
}
