using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The audit trail as an auditor meets it: records in scope through the route, refused calls
/// among them, and a hash chain that verify checks end to end, so that an edited, a removed or a
/// moved record is found, and writers on several instances never fork it.
/// </summary>
[Collection(AppTests.Name)]
public class AuditTrailTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string[] HeadOffice = [StaffRoles.AuditRead, StaffRoles.AllRegions];

    private async Task<string> StoredComplaintAsync(string province)
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province, agency = "สำนักงานที่ดินทดสอบบันทึก", description = "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกโฉนดที่ดิน", anonymous = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        return (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
    }

    private async Task<JsonElement> AuditPageAsync(string query, params string[] roles)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/audit" + query, null, roles);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> VerifyAsync()
    {
        var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/audit/verify", null, HeadOffice);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Records_AreListedInScope_NewestFirst_WithWhoAndWhy()
    {
        var ours = await StoredComplaintAsync("TH-80");
        var theirs = await StoredComplaintAsync("TH-90");
        string[] reader8 = [StaffRoles.ComplaintsRead, StaffRoles.Region(8)];
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{ours}", null, reader8)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{ours}/notes", new { text = "ตรวจสอบแล้ว" }, StaffRoles.ComplaintsManage, StaffRoles.Region(8))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{theirs}", null, StaffRoles.ComplaintsRead, StaffRoles.Region(9))).StatusCode);

        var page = await AuditPageAsync($"?complaintId={ours}", HeadOffice);
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.True(items.Length == 2, page.GetRawText());
        Assert.Equal([AuditActions.ComplaintNote, AuditActions.ComplaintRead], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal("officer-" + StaffRoles.ComplaintsRead, items[1].GetProperty("actor").GetString());
        Assert.Equal("officer-" + StaffRoles.ComplaintsRead, items[1].GetProperty("actorName").GetString());
        Assert.Equal(8, items[1].GetProperty("region").GetInt32());
        Assert.True(items[0].GetProperty("n").GetInt64() > items[1].GetProperty("n").GetInt64());

        // A region-8 auditor reads region 8's records; region 9's are as absent as missing ones.
        Assert.Single((await AuditPageAsync($"?complaintId={ours}&action=complaint.read", StaffRoles.AuditRead, StaffRoles.Region(8))).GetProperty("items").EnumerateArray());
        Assert.Empty((await AuditPageAsync($"?complaintId={theirs}", StaffRoles.AuditRead, StaffRoles.Region(8))).GetProperty("items").EnumerateArray());
        Assert.Single((await AuditPageAsync($"?complaintId={theirs}", StaffRoles.AuditRead, StaffRoles.Region(9))).GetProperty("items").EnumerateArray());

        // Pages of one, followed by their tokens, give the same records in the same order.
        var first = await AuditPageAsync($"?complaintId={ours}&pageSize=1", HeadOffice);
        var token = first.GetProperty("continuationToken").GetString()!;
        var second = await AuditPageAsync($"?complaintId={ours}&pageSize=1&continuationToken={token}", HeadOffice);
        Assert.Equal(items.Select(i => i.GetProperty("n").GetInt64()), [first.GetProperty("items")[0].GetProperty("n").GetInt64(), second.GetProperty("items")[0].GetProperty("n").GetInt64()]);
    }

    [Fact]
    public async Task RefusedCalls_AreRecorded_ForHeadOfficeOnly()
    {
        var marker = "/api/staff/complaints/" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.StaffWithTokenAsync(HttpMethod.Get, marker[1..], null, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Get, "api/staff/audit/verify", null, StaffRoles.AuditRead, StaffRoles.Region(8))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Get, "api/staff/workshops/w-audit/attendees?format=csv", null, StaffRoles.WorkshopsCheckIn, StaffRoles.Region(8))).StatusCode);

        var refused = (await AuditPageAsync("?action=staff.refused&pageSize=500", HeadOffice)).GetProperty("items").EnumerateArray().ToArray();
        var anonymous = Assert.Single(refused, r => r.GetProperty("detail").GetString() == $"401 GET {marker}");
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("actor").ValueKind);
        Assert.Contains(refused, r => r.GetProperty("detail").GetString() == "403 GET /api/staff/audit/verify" && r.GetProperty("actor").GetString() == "officer-" + StaffRoles.AuditRead);
        Assert.Contains(refused, r => r.GetProperty("detail").GetString() == "403 GET /api/staff/workshops/w-audit/attendees" && r.GetProperty("actor").GetString() == "officer-" + StaffRoles.WorkshopsCheckIn);
        Assert.Empty((await AuditPageAsync("?action=staff.refused", StaffRoles.AuditRead, StaffRoles.Region(8))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task BadQueries_AreProblemsNamingTheField()
    {
        foreach (var (query, field) in new[] { ("?from=2026-13-01", "from"), ("?action=complaint.delete", "action"), ("?complaintId=nope", "complaintId"), ("?pageSize=0", "pageSize"), ("?continuationToken=abc", "continuationToken"), ("?from=2026-05-02&to=2026-05-01", "to") })
        {
            var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/audit" + query, null, HeadOffice);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task Verify_FindsAnEditedADeletedAndAReorderedRecord()
    {
        var id = await StoredComplaintAsync("TH-10");
        foreach (var text in new[] { "หนึ่ง", "สอง", "สาม" })
        {
            Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/notes", new { text }, StaffRoles.ComplaintsManage)).StatusCode);
        }

        var intact = await VerifyAsync();
        Assert.True(intact.GetProperty("valid").GetBoolean(), intact.GetRawText());
        Assert.Equal(JsonValueKind.Null, intact.GetProperty("firstBroken").ValueKind);
        var records = await TrailRecords.AllAsync(_app);
        Assert.True(records.Count == intact.GetProperty("records").GetInt64(), $"{records.Count} stored, {intact}");

        var notes = records.Where(r => r.ComplaintId == id).ToArray();
        var blob = (await _app.Service<AuditTrailStore>().BlobNamesAsync("", CancellationToken.None))[^1];
        var client = _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AuditContainer).GetAppendBlobClient(blob);
        var original = (await client.DownloadContentAsync()).Value.Content.ToString();
        var lines = original.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var at = lines.FindIndex(l => l.Contains($"\"n\":{notes[0].N},", StringComparison.Ordinal));
        Assert.True(at >= 0 && at + 2 < lines.Count, "the three notes are in the last blob");

        try
        {
            // Edited: the officer's id changed to someone else's, same length.
            var edited = lines.ToList();
            edited[at] = edited[at].Replace("officer-Complaints.Manage", "officer-Complaints.Manxge", StringComparison.Ordinal);
            await RewriteAsync(client, edited);
            Assert.Equal(notes[0].N, (await VerifyAsync()).GetProperty("firstBroken").GetInt64());

            // Deleted: the second note gone; the third no longer follows the first.
            var deleted = lines.ToList();
            deleted.RemoveAt(at + 1);
            await RewriteAsync(client, deleted);
            Assert.Equal(notes[1].N, (await VerifyAsync()).GetProperty("firstBroken").GetInt64());

            // Reordered: the second and third swapped.
            var reordered = lines.ToList();
            (reordered[at + 1], reordered[at + 2]) = (reordered[at + 2], reordered[at + 1]);
            await RewriteAsync(client, reordered);
            var found = await VerifyAsync();
            Assert.False(found.GetProperty("valid").GetBoolean());
            Assert.Equal(notes[1].N, found.GetProperty("firstBroken").GetInt64());
        }
        finally
        {
            await RewriteAsync(client, lines);
        }

        Assert.True((await VerifyAsync()).GetProperty("valid").GetBoolean());
    }

    /// <summary>What someone with the storage keys could do where no immutability policy stops them (as in Azurite).</summary>
    private static async Task RewriteAsync(AppendBlobClient client, IEnumerable<string> lines)
    {
        await client.DeleteAsync();
        await client.CreateAsync();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("", lines.Select(l => l + "\n"))));
        await client.AppendBlockAsync(content);
    }

    [Fact]
    public async Task Writers_OnTwoInstances_AcrossDaysAndFullBlobs_KeepOneChain()
    {
        var container = "audit-test-" + Guid.NewGuid().ToString("N")[..12];
        await _app.Storage.Blobs.GetBlobContainerClient(container).CreateAsync();
        using var one = new AuditTrailStore(_app.Storage, container, recordsPerBlob: 7);
        using var two = new AuditTrailStore(_app.Storage, container, recordsPerBlob: 7);
        var day1 = new DateTimeOffset(2027, 3, 1, 16, 0, 0, TimeSpan.Zero);
        AuditDraft Draft(DateTimeOffset at, int i) => new(at, $"officer-{i}", "เจ้าหน้าที่ทดสอบ", AuditActions.ComplaintRead, 8, null, null, $"record {i}");

        // Both instances at once, over midnight: the second day's records start a new blob.
        var writes = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? one : two).AppendAsync(Draft(day1.AddHours(i * 0.25), i), CancellationToken.None));
        var written = await Task.WhenAll(writes);
        // An instance whose clock is behind still writes after the chain's end, never into a closed blob.
        await one.AppendAsync(Draft(day1, 99), CancellationToken.None);
        await two.AppendAsync(Draft(day1.AddDays(3), 100), CancellationToken.None);
        await one.AppendAsync(Draft(day1.AddDays(3), 101), CancellationToken.None);

        var verification = await new AuditVerifier(one).VerifyAsync(CancellationToken.None);
        Assert.True(verification.Valid, $"first broken: {verification.FirstBroken}");
        Assert.Equal(written.Select(r => r.N).Distinct().Count(), written.Length);
        var blobs = await one.BlobNamesAsync("", CancellationToken.None);
        Assert.Contains("2027/03/01/0000.jsonl", blobs);
        Assert.Contains("2027/03/02/0000.jsonl", blobs);
        Assert.Contains("2027/03/04/0000.jsonl", blobs);
        Assert.True(blobs.Count(b => b.StartsWith("2027/03/02/", StringComparison.Ordinal)) > 1, "a full blob continues in the next part");
        Assert.Equal(43 + blobs.Count - 1, verification.Records);

        await _app.Storage.Blobs.GetBlobContainerClient(container).DeleteAsync();
    }
}
