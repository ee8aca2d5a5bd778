using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Assignment, links and reclassification on Azurite, with officers of region 8, region 9 and head
/// office: each acts inside its scope only, a link never tells an officer of a case they may not
/// see, and a transfer moves a case from one office's view to the other's.
/// </summary>
[Collection(AppTests.Name)]
public class CaseHandlingTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string Region8 = StaffRoles.Region(8);
    private static readonly string Region9 = StaffRoles.Region(9);

    private static string Manage(string region, string id) =>
        StaffAuthenticator.IssueLocalToken(TestKeys.StaffAuth(), id, [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage, region]);

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A complaint stored from this province; its id and tracking code.</summary>
    private async Task<(string Id, string Code)> StoredComplaintAsync(string province, string agency)
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province, agency, description = "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตประกอบกิจการ", anonymous = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        return (id, code);
    }

    private Task<HttpResponseMessage> AsAsync(string token, HttpMethod method, string path, object? body = null) =>
        _app.StaffWithTokenAsync(method, path, body, token);

    private async Task<JsonElement> ReadAsync(string token, string id)
    {
        var response = await AsAsync(token, HttpMethod.Get, $"api/staff/complaints/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The ids a list query gives (one page of up to 200 is enough for a marker's few cases).</summary>
    private async Task<string[]> ListedAsync(string token, string query)
    {
        var response = await AsAsync(token, HttpMethod.Get, $"api/staff/complaints?pageSize=200&{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }

    private static async Task<string> ProblemOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {problem.GetProperty("type")} {problem.GetProperty("title")} {problem.GetProperty("detail")}";
    }

    private static async Task<string[]> ErrorFieldsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task RegionalOfficer_OtherRegionsCase_CannotBeAssignedLinkedOrReclassified()
    {
        var marker = Marker();
        var (ours, _) = await StoredComplaintAsync("TH-80", $"อบต. เขตแปด {marker}");
        var (theirs, _) = await StoredComplaintAsync("TH-90", $"เทศบาลเขตเก้า {marker}");
        var missing = ComplaintIds.New(DateTimeOffset.UtcNow);
        var officer8 = Manage(Region8, "officer-8-" + marker);

        var routes = new (HttpMethod Method, string Path, object Body)[]
        {
            (HttpMethod.Put, "api/staff/complaints/{0}/assignee", new { assignee = "me" }),
            (HttpMethod.Post, "api/staff/complaints/{0}/links", new { otherId = ours, relation = "related" }),
            (HttpMethod.Patch, "api/staff/complaints/{0}", new { reason = "ผิดประเภท ต้องเป็นเรื่องจัดซื้อจัดจ้าง", category = "procurement" }),
        };
        foreach (var (method, path, body) in routes)
        {
            var other = await AsAsync(officer8, method, string.Format(CultureInfo.InvariantCulture, path, theirs), body);
            var none = await AsAsync(officer8, method, string.Format(CultureInfo.InvariantCulture, path, missing), body);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal(await ProblemOf(none), await ProblemOf(other));
        }

        // Nor can our case be linked to theirs: the other case answers as a missing one too.
        var toTheirs = await AsAsync(officer8, HttpMethod.Post, $"api/staff/complaints/{ours}/links", new { otherId = theirs, relation = "duplicate_of" });
        var toMissing = await AsAsync(officer8, HttpMethod.Post, $"api/staff/complaints/{ours}/links", new { otherId = missing, relation = "duplicate_of" });
        Assert.Equal(HttpStatusCode.NotFound, toTheirs.StatusCode);
        Assert.Equal(await ProblemOf(toMissing), await ProblemOf(toTheirs));

        // Their case is as it was, and ours holds no link.
        var headOffice = Manage(StaffRoles.AllRegions, "head-" + marker);
        var untouched = (await ReadAsync(headOffice, theirs)).GetProperty("summary");
        Assert.Equal("bribery", untouched.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("assignee").ValueKind);
        Assert.Empty((await ReadAsync(headOffice, ours)).GetProperty("links").EnumerateArray());
        Assert.Empty((await ReadAsync(headOffice, theirs)).GetProperty("links").EnumerateArray());
    }

    [Fact]
    public async Task Links_HeadOfficeLinksTwoRegions_EachRegionalReaderSeesOnlyLinksToItsOwnCases()
    {
        var marker = Marker();
        var (first8, _) = await StoredComplaintAsync("TH-80", $"อบต. ลิงก์ {marker}");
        var (second8, _) = await StoredComplaintAsync("TH-81", $"อบจ. ลิงก์ {marker}");
        var (case9, _) = await StoredComplaintAsync("TH-90", $"เทศบาล ลิงก์ {marker}");
        var headOffice = Manage(StaffRoles.AllRegions, "head-" + marker);
        var officer8 = Manage(Region8, "officer-8-" + marker);
        var officer9 = Manage(Region9, "officer-9-" + marker);

        var across = await AsAsync(headOffice, HttpMethod.Post, $"api/staff/complaints/{first8}/links", new { otherId = case9, relation = "duplicate_of" });
        var again = await AsAsync(headOffice, HttpMethod.Post, $"api/staff/complaints/{first8}/links", new { otherId = case9, relation = "duplicate_of" });
        var within = await AsAsync(officer8, HttpMethod.Post, $"api/staff/complaints/{first8}/links", new { otherId = second8, relation = "related" });

        Assert.Equal(HttpStatusCode.Created, across.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        var made = await across.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(case9, made.GetProperty("id").GetString());
        Assert.Equal("head-" + marker, made.GetProperty("by").GetString());

        static string[] LinksOf(JsonElement view) =>
            [.. view.GetProperty("links").EnumerateArray().Select(l => $"{l.GetProperty("id").GetString()} {l.GetProperty("relation").GetString()}").Order(StringComparer.Ordinal)];

        // Head office sees both sides of both links, once each however often they were made.
        Assert.Equal(Sorted($"{case9} duplicate_of", $"{second8} related"), LinksOf(await ReadAsync(headOffice, first8)));
        Assert.Equal([$"{first8} duplicated_by"], LinksOf(await ReadAsync(headOffice, case9)));
        Assert.Equal([$"{first8} related"], LinksOf(await ReadAsync(headOffice, second8)));

        // Region 8 sees its own link and never learns that the region-9 case exists; nor region 9 of region 8's.
        Assert.Equal([$"{second8} related"], LinksOf(await ReadAsync(officer8, first8)));
        var regionalRead = await AsAsync(officer8, HttpMethod.Get, $"api/staff/complaints/{first8}");
        Assert.DoesNotContain(case9, await regionalRead.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(LinksOf(await ReadAsync(officer9, case9)));

        // A second relation for the same pair replaces the first, on both sides.
        Assert.Equal(HttpStatusCode.Created, (await AsAsync(officer8, HttpMethod.Post, $"api/staff/complaints/{second8}/links", new { otherId = first8, relation = "duplicate_of" })).StatusCode);
        Assert.Equal([$"{second8} duplicated_by"], LinksOf(await ReadAsync(officer8, first8)));
        Assert.Equal([$"{first8} duplicate_of"], LinksOf(await ReadAsync(officer8, second8)));
    }

    [Fact]
    public async Task Transfer_ToAProvinceOfRegion9_MovesTheCaseFromRegion8sViewToRegion9s()
    {
        var marker = Marker();
        var agency = $"สำนักงานที่ดิน ย้ายเขต {marker}";
        var (id, code) = await StoredComplaintAsync("TH-80", agency);
        var headOffice = Manage(StaffRoles.AllRegions, "head-" + marker);
        var officer8 = Manage(Region8, "officer-8-" + marker);
        var officer9 = Manage(Region9, "officer-9-" + marker);
        var query = "q=" + Uri.EscapeDataString(marker);

        Assert.Equal(HttpStatusCode.OK, (await AsAsync(officer8, HttpMethod.Put, $"api/staff/complaints/{id}/assignee", new { assignee = "me" })).StatusCode);
        Assert.Equal([id], await ListedAsync(officer8, query));
        Assert.Empty(await ListedAsync(officer9, query));
        Assert.Equal(HttpStatusCode.NotFound, (await AsAsync(officer9, HttpMethod.Get, $"api/staff/complaints/{id}")).StatusCode);

        var reason = "ที่ตั้งหน่วยงานอยู่ในจังหวัดสงขลา ไม่ใช่นครศรีธรรมราช";
        var moved = await AsAsync(officer8, HttpMethod.Patch, $"api/staff/complaints/{id}", new { reason, province = "th-90", category = "procurement" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var summary = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(9, summary.GetProperty("region").GetInt32());
        Assert.Equal("TH-90", summary.GetProperty("province").GetString());
        Assert.Equal("procurement", summary.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("assignee").ValueKind);

        // The case has left region 8 (list and read) and is region 9's, unassigned there; head office sees it still.
        Assert.Empty(await ListedAsync(officer8, query));
        Assert.Equal(HttpStatusCode.NotFound, (await AsAsync(officer8, HttpMethod.Get, $"api/staff/complaints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AsAsync(officer8, HttpMethod.Put, $"api/staff/complaints/{id}/assignee", new { assignee = "me" })).StatusCode);
        Assert.Equal([id], await ListedAsync(officer9, query));
        Assert.Equal([id], await ListedAsync(officer9, query + "&assignee=none"));
        Assert.Equal([id], await ListedAsync(officer9, query + "&region=9&province=TH-90"));
        Assert.Equal([id], await ListedAsync(headOffice, query));

        // Officers see what changed, from what, to what, why and by whom; the reporter does not.
        var history = (await ReadAsync(officer9, id)).GetProperty("history").EnumerateArray().ToArray();
        var step = history[^1];
        Assert.Equal(reason, step.GetProperty("note").GetString());
        Assert.Equal("officer-8-" + marker, step.GetProperty("by").GetString());
        Assert.False(step.GetProperty("public").GetBoolean());
        Assert.Equal("registered", step.GetProperty("status").GetString());
        Assert.Equal(
            ["category bribery procurement", "province TH-80 TH-90", "region 8 9", $"assignee officer-8-{marker} "],
            step.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("field").GetString()} {c.GetProperty("from").GetString()} {c.GetProperty("to").GetString()}"));
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("changes").ValueKind);
        var reporter = await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["received", "registered"], reporter.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        Assert.DoesNotContain("สงขลา", reporter.GetRawText(), StringComparison.Ordinal);

        // The same body again changes nothing and adds no step.
        Assert.Equal(HttpStatusCode.OK, (await AsAsync(officer9, HttpMethod.Patch, $"api/staff/complaints/{id}", new { reason, province = "TH-90" })).StatusCode);
        Assert.Equal(history.Length, (await ReadAsync(headOffice, id)).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task AssigneeFilter_MeNoneAndAnId_FindsRowsOfEveryShape()
    {
        var marker = Marker();
        var (mine, _) = await StoredComplaintAsync("TH-80", $"อบต. มอบหมาย ก {marker}");
        var (others, _) = await StoredComplaintAsync("TH-80", $"อบต. มอบหมาย ข {marker}");
        var (fresh, _) = await StoredComplaintAsync("TH-81", $"อบต. มอบหมาย ค {marker}");
        var (old, _) = await StoredComplaintAsync("TH-81", $"อบต. มอบหมาย ง {marker}");
        var me = "officer-8-" + marker;
        var colleague = "colleague_" + marker;
        var officer8 = Manage(Region8, me);

        // A row as stored before assignment existed: no Assignee property at all, written raw.
        var table = _app.Storage.Table(StorageNames.ComplaintsTable);
        var raw = (await table.GetEntityAsync<TableEntity>(ComplaintEntity.PartitionOf(old), ComplaintEntity.RowKeyOf(old))).Value;
        raw.Remove("Assignee");
        await table.UpdateEntityAsync(raw, raw.ETag, TableUpdateMode.Replace);
        Assert.False((await table.GetEntityAsync<TableEntity>(raw.PartitionKey, raw.RowKey)).Value.ContainsKey("Assignee"));

        var toMe = await AsAsync(officer8, HttpMethod.Put, $"api/staff/complaints/{mine}/assignee", new { assignee = "me" });
        var toColleague = await AsAsync(officer8, HttpMethod.Put, $"api/staff/complaints/{others}/assignee", new { assignee = colleague });
        Assert.Equal(HttpStatusCode.OK, toMe.StatusCode);
        Assert.Equal(me, (await toMe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignee").GetString());
        Assert.Equal(HttpStatusCode.OK, toColleague.StatusCode);

        var query = "q=" + Uri.EscapeDataString(marker);
        Assert.Equal([mine], await ListedAsync(officer8, query + "&assignee=me"));
        Assert.Equal([others], await ListedAsync(officer8, query + "&assignee=" + colleague));
        Assert.Equal(Sorted(fresh, old), await ListedAsync(officer8, query + "&assignee=none"));
        Assert.Equal(Sorted(mine, others, fresh, old), await ListedAsync(officer8, query));

        // The list and the read show who has the case.
        var page = await (await AsAsync(officer8, HttpMethod.Get, $"api/staff/complaints?pageSize=200&{query}")).Content.ReadFromJsonAsync<JsonElement>();
        var assignees = page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("assignee").GetString());
        Assert.Equal(me, assignees[mine]);
        Assert.Null(assignees[old]);
        Assert.Equal(colleague, (await ReadAsync(officer8, others)).GetProperty("summary").GetProperty("assignee").GetString());

        // Unassigned with an explicit null, the case is among the unassigned again.
        var unassigned = await AsAsync(officer8, HttpMethod.Put, $"api/staff/complaints/{others}/assignee", new { assignee = (string?)null });
        Assert.Equal(HttpStatusCode.OK, unassigned.StatusCode);
        Assert.Equal(Sorted(others, fresh, old), await ListedAsync(officer8, query + "&assignee=none"));
        Assert.Empty(await ListedAsync(officer8, query + "&assignee=" + colleague));
    }

    [Fact]
    public async Task BadBodies_Are400NamingTheField()
    {
        var marker = Marker();
        var (id, _) = await StoredComplaintAsync("TH-80", $"อบต. ตรวจข้อมูล {marker}");
        var officer8 = Manage(Region8, "officer-8-" + marker);
        var assignee = $"api/staff/complaints/{id}/assignee";
        var links = $"api/staff/complaints/{id}/links";
        var patch = $"api/staff/complaints/{id}";

        Assert.Equal(["assignee"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Put, assignee, new { assignee = "ชื่อ นามสกุล" })));
        Assert.Equal(["assignee"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Put, assignee, new { assignee = "a<b>" })));
        Assert.Equal(["assignee"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Put, assignee, new { assignee = new string('a', 129) })));
        Assert.Equal(["assignee"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Put, assignee, new { assignee = 7 })));
        Assert.Equal(["assignee"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Put, assignee, new { })));
        Assert.Equal(["body"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Put, assignee, new[] { "me" })));

        Assert.Equal(["otherId"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Post, links, new { otherId = "not-a-case", relation = "related" })));
        Assert.Equal(["otherId"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Post, links, new { otherId = id, relation = "related" })));
        Assert.Equal(["relation"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Post, links, new { otherId = ComplaintIds.New(DateTimeOffset.UtcNow), relation = "duplicated_by" })));
        Assert.Equal(Sorted("otherId", "relation"), await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Post, links, new { })));

        Assert.Equal(["reason"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { category = "procurement" })));
        Assert.Equal(["reason"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { reason = "สั้นไป", category = "procurement" })));
        Assert.Equal(["reason"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { reason = new string('ก', 501), category = "procurement" })));
        Assert.Equal(["province"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { reason = "ย้ายไปจังหวัดที่ถูกต้อง", province = "TH-99" })));
        Assert.Equal(["category"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { reason = "เปลี่ยนประเภทให้ถูกต้อง", category = "gossip" })));
        Assert.Equal(["agency"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { reason = "แก้ชื่อหน่วยงานให้ถูกต้อง", agency = new string('ก', 301) })));
        Assert.Equal(Sorted("agency", "category", "province"), await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Patch, patch, new { reason = "ไม่ได้ระบุสิ่งที่จะเปลี่ยน" })));

        Assert.Equal(["assignee"], await ErrorFieldsOf(await AsAsync(officer8, HttpMethod.Get, "api/staff/complaints?assignee=" + Uri.EscapeDataString("x y"))));

        // Nothing of that reached the case.
        var summary = (await ReadAsync(officer8, id)).GetProperty("summary");
        Assert.Equal("TH-80", summary.GetProperty("province").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("assignee").ValueKind);
        Assert.Equal(2, (await ReadAsync(officer8, id)).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Roles_ReadOnlyOfficer_Is403AndNoToken401()
    {
        var (id, _) = await StoredComplaintAsync("TH-80", $"อบต. สิทธิ์ {Marker()}");

        var readOnly = await _app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{id}/assignee", new { assignee = "me" }, StaffRoles.ComplaintsRead, Region8);
        var anonymous = await _app.StaffWithTokenAsync(HttpMethod.Patch, $"api/staff/complaints/{id}", new { reason = "ไม่มีโทเค็นเข้าระบบ", category = "procurement" }, null);
        var noLinkRole = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/links", new { otherId = id, relation = "related" }, StaffRoles.ComplaintsRead, Region8);

        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noLinkRole.StatusCode);
    }
}
