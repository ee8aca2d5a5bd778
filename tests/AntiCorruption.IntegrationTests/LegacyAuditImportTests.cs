using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// An office upgrading a running system: the rows its audit table holds (the shape written before
/// the trail) move into the trail once, keep their time, actor and complaint, and are readable
/// through the route in the complaint's region; a copy interrupted before its row was deleted is
/// not made twice.
/// </summary>
[Collection(AppTests.Name)]
public class LegacyAuditImportTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task OldAuditRows_MoveIntoTheTrail_Once()
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. ย้ายบันทึก", description = "ข้อมูลทดสอบการย้ายบันทึกการตรวจสอบเดิม", anonymous = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;

        // Rows as the old AuditLog wrote them: one partition per UTC day, newest first.
        var table = _app.Storage.Table(StorageNames.AuditTable);
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        TableEntity Row(int i, string action) => new(at.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks - i:D19}-{Guid.NewGuid():N}")
        {
            ["Actor"] = "officer-legacy", ["Action"] = action, ["ComplaintId"] = id, ["At"] = at.AddMinutes(i), ["Detail"] = $"legacy {i}",
        };
        var rows = new[] { Row(0, "complaint.read"), Row(1, "complaint.status"), Row(2, "complaint.identity") };
        foreach (var row in rows)
        {
            await table.AddEntityAsync(row);
        }

        // The second row was copied by an instance that stopped before deleting it.
        await _app.Service<AuditTrailStore>().AppendAsync(
            new AuditDraft(at.AddMinutes(1), "officer-legacy", null, "complaint.status", 8, id, $"{LegacyAuditImport.TargetPrefix}{rows[1].PartitionKey}/{rows[1].RowKey}", "legacy 1"),
            CancellationToken.None);

        var import = _app.Service<IEnumerable<IStorageSeed>>().OfType<LegacyAuditImport>().Single();
        await import.SeedAsync(CancellationToken.None);
        await import.SeedAsync(CancellationToken.None);

        Assert.Empty(table.Query<TableEntity>(r => r.PartitionKey == rows[0].PartitionKey && r.GetString("ComplaintId") == id));
        var listed = await _app.StaffAsync(HttpMethod.Get, $"api/staff/audit?complaintId={id}&from={at.UtcDateTime:yyyy-MM-dd}", null, StaffRoles.AuditRead, StaffRoles.Region(8));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var items = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["legacy 0", "legacy 1", "legacy 2"], items.Select(i => i.GetProperty("detail").GetString()).Order());
        Assert.All(items, i => Assert.Equal(8, i.GetProperty("region").GetInt32()));
        Assert.All(items, i => Assert.Equal("officer-legacy", i.GetProperty("actor").GetString()));

        var verify = await (await _app.StaffAsync(HttpMethod.Get, "api/staff/audit/verify", null, StaffRoles.AuditRead, StaffRoles.AllRegions)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verify.GetProperty("valid").GetBoolean());
    }
}
