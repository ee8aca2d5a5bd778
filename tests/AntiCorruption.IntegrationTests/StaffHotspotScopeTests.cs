using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Hotspots by scope: one agency rising in regions 8 and 9 at once. Head office sees it counted
/// over the country; each region sees it counted over its own complaints only, and the provinces
/// of its own region; no figure of the other region reaches a regional officer.
/// </summary>
[Collection(AppTests.Name)]
public class StaffHotspotScopeTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    /// <summary>Stores <paramref name="count"/> complaints of the last days about one agency in one province, as the queue would.</summary>
    private async Task PlantAsync(string agency, string province, int region, int count)
    {
        var processor = _app.Service<ComplaintProcessor>();
        var codes = _app.Service<TrackingCodes>();
        var pii = _app.Service<PiiProtector>();
        for (var i = 0; i < count; i++)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-i - 1).AddMinutes(-region);
            var id = ComplaintIds.New(at);
            await processor.ProcessAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
                1, id, codes.Hash(codes.New()), at, ComplaintChannel.Web, "procurement", province, region, agency, null, null, true, false, [],
                pii.SealJson(new CaseDetails(null, "การจัดซื้อจัดจ้างผิดปกติหลายครั้งในเดือนนี้", null, null, null), ComplaintMessage.DetailsContext(id)), null)), CancellationToken.None);
        }
    }

    private async Task<JsonElement[]> ListedAsync(params string[] roles)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/hotspots", null, [StaffRoles.ComplaintsRead, .. roles]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static int? RegionOf(JsonElement hotspot) =>
        hotspot.GetProperty("region").ValueKind == JsonValueKind.Null ? null : hotspot.GetProperty("region").GetInt32();

    [Fact]
    public async Task Hotspots_RegionalOfficersSeeTheirOwnCountsOnly_HeadOfficeTheNational()
    {
        var agency = "กรมทดสอบจุดร้อน" + Guid.NewGuid().ToString("N")[..6];
        await PlantAsync(agency, "TH-86", 8, 10);
        await PlantAsync(agency, "TH-96", 9, 12);

        await _app.Service<HotspotScan>().RunAsync(CancellationToken.None);

        var key = AgencyNames.Normalize(agency);
        var headOffice = await ListedAsync(StaffRoles.AllRegions);
        var region8 = await ListedAsync(StaffRoles.Region(8));
        var region9 = await ListedAsync(StaffRoles.Region(9));

        var national = Assert.Single(headOffice, h => h.GetProperty("key").GetString() == key);
        Assert.Equal(22, national.GetProperty("recent").GetInt64());
        Assert.Null(RegionOf(national));
        Assert.Contains(headOffice, h => h.GetProperty("key").GetString() == "TH-86" && RegionOf(h) == 8);
        Assert.Contains(headOffice, h => h.GetProperty("key").GetString() == "TH-96" && RegionOf(h) == 9);

        var ours = Assert.Single(region8, h => h.GetProperty("key").GetString() == key);
        Assert.Equal(10, ours.GetProperty("recent").GetInt64());
        Assert.Equal(12, Assert.Single(region9, h => h.GetProperty("key").GetString() == key).GetProperty("recent").GetInt64());

        // Nothing a regional officer sees is counted over another region, or over the country.
        Assert.All(region8, h => Assert.Equal(8, RegionOf(h)));
        Assert.All(region9, h => Assert.Equal(9, RegionOf(h)));
        Assert.Contains(region8, h => h.GetProperty("key").GetString() == "TH-86");
        Assert.DoesNotContain(region8, h => h.GetProperty("key").GetString() == "TH-96");

        // Both regions: both regional rows, still no national one.
        var both = await ListedAsync(StaffRoles.Region(8), StaffRoles.Region(9));
        Assert.Equal([8, 9], both.Where(h => h.GetProperty("key").GetString() == key).Select(RegionOf).Order());
    }
}
