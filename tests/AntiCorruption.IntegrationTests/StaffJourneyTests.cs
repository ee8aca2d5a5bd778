using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>The reporter's and the officer's sides of one case, end to end on Azurite.</summary>
[Collection(AppTests.Name)]
public class StaffJourneyTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private async Task<JsonElement> ReporterViewAsync(string code) =>
        await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();

    private async Task<JsonElement> FindInListAsync(string complaintId, string query)
    {
        string? token = null;
        do
        {
            var page = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints?{query}&pageSize=50{(token is null ? "" : "&continuationToken=" + token)}", null, StaffRoles.ComplaintsRead))
                .Content.ReadFromJsonAsync<JsonElement>();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("id").GetString() == complaintId)
                {
                    return item;
                }
            }

            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        throw new Xunit.Sdk.XunitException($"{complaintId} is not in the list");
    }

    [Fact]
    public async Task Journey_AnonymousTipWithTwoFiles_ThroughQuestionAnswerAndClosing()
    {
        // The reporter uploads two files and sends the tip.
        var photo = await _app.UploadAsync(Evidence.Png, "IMG_2041.png");
        var document = await _app.UploadAsync(Evidence.Pdf, "สัญญาจ้าง.pdf");
        var submitted = await _app.PostJsonAsync("api/complaints", new
        {
            category = "procurement",
            province = "TH-81",
            agency = "องค์การบริหารส่วนจังหวัดกระบี่",
            description = "มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา ตามเอกสารแนบ",
            anonymous = true,
            attachmentIds = new[] { photo, document },
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await Eventually.GetAsync<string>(async () => (await ReporterViewAsync(code)).GetProperty("status").GetString() == "registered" ? "yes" : null, TimeSpan.FromSeconds(15), "registration");

        // The region 8 officer finds it in the list.
        var complaintId = await Eventually.GetAsync(async () =>
        {
            var page = await (await _app.StaffAsync(HttpMethod.Get, "api/staff/complaints?region=8&status=registered&pageSize=200", null, StaffRoles.ComplaintsRead)).Content.ReadFromJsonAsync<JsonElement>();
            return page.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("agency").GetString() == "องค์การบริหารส่วนจังหวัดกระบี่")
                .Select(i => i.GetProperty("id").GetString())
                .FirstOrDefault();
        }, TimeSpan.FromSeconds(5), "the complaint in the staff list");
        var listed = await FindInListAsync(complaintId, "region=8");
        Assert.True(listed.GetProperty("anonymous").GetBoolean());
        Assert.False(listed.TryGetProperty("reporter", out _), "a list never carries a reporter's identity");
        Assert.False(listed.GetProperty("acknowledgeOverdue").GetBoolean());

        // ...reads it, with links to both files that really serve them...
        var read = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{complaintId}", null, StaffRoles.ComplaintsRead);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var view = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา ตามเอกสารแนบ", view.GetProperty("details").GetProperty("description").GetString());
        var links = view.GetProperty("attachments").EnumerateArray().ToArray();
        Assert.Equal(2, links.Length);
        foreach (var link in links)
        {
            // The app's own route, with the staff token: no storage link leaves the app.
            var url = link.GetProperty("url").GetString()!;
            Assert.Equal($"/api/staff/complaints/{complaintId}/attachments/{link.GetProperty("attachmentId").GetString()}", url);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.GetAsync(new Uri(url[1..], UriKind.Relative))).StatusCode);
            var file = await _app.StaffAsync(HttpMethod.Get, url[1..], null, StaffRoles.ComplaintsRead);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var bytes = await file.Content.ReadAsByteArrayAsync();
            // The file as kept (cleaned of metadata), as the case lists it.
            Assert.Equal(link.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            Assert.Equal(link.GetProperty("size").GetInt64(), bytes.Length);
            Assert.Equal(link.GetProperty("contentType").GetString(), file.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        }

        // A file that is not this case's, and this case's file for an officer of another region: as missing.
        var stranger = await _app.UploadAsync(Evidence.Png);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{complaintId}/attachments/{stranger}", null, StaffRoles.ComplaintsRead)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Get, links[0].GetProperty("url").GetString()![1..], null, StaffRoles.ComplaintsRead, StaffRoles.Region(9))).StatusCode);

        // ...and the read and each download are in the audit log, without the case's content.
        var auditRows = await TrailRecords.OfComplaintAsync(_app, complaintId);
        Assert.Equal(2, auditRows.Count(r => r.Action == AuditActions.ComplaintEvidence));
        var readRow = Assert.Single(auditRows, r => r.Action == AuditActions.ComplaintRead);
        Assert.Equal("officer-" + StaffRoles.ComplaintsRead, readRow.Actor);
        Assert.DoesNotContain("แบ่งซื้อ", readRow.ToString(), StringComparison.Ordinal);

        // The officer asks a question; the reporter sees it and answers with the code alone.
        var asked = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{complaintId}/messages", new { text = "ขอทราบเลขที่สัญญาจ้างด้วยครับ" }, StaffRoles.ComplaintsManage);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var reporterSees = await ReporterViewAsync(code);
        Assert.Equal(["staff"], reporterSees.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("from").GetString()));
        var answered = await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "สัญญาเลขที่ 45/2569 ครับ" });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);

        // The officer notes something internal, then closes the case with a public note.
        var internalNote = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{complaintId}/status", new { status = "under_review", note = "ส่งฝ่ายสืบสวน ตรวจสอบผู้รับเหมารายนี้", @public = false }, StaffRoles.ComplaintsManage);
        Assert.Equal(HttpStatusCode.OK, internalNote.StatusCode);
        var closed = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{complaintId}/status", new { status = "closed", note = "ตรวจสอบแล้ว ได้ส่งเรื่องให้ผู้ว่าราชการจังหวัดดำเนินการทางวินัย", @public = true }, StaffRoles.ComplaintsManage);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var final = await ReporterViewAsync(code);
        Assert.Equal("closed", final.GetProperty("status").GetString());
        var history = final.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(["received", "registered", "under_review", "closed"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, history[2].GetProperty("note").ValueKind);
        Assert.Equal("ตรวจสอบแล้ว ได้ส่งเรื่องให้ผู้ว่าราชการจังหวัดดำเนินการทางวินัย", history[3].GetProperty("note").GetString());
        Assert.Equal(["staff", "reporter"], final.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("from").GetString()));
        Assert.Equal("สัญญาเลขที่ 45/2569 ครับ", final.GetProperty("messages")[1].GetProperty("text").GetString());
        Assert.DoesNotContain("ฝ่ายสืบสวน", final.GetRawText(), StringComparison.Ordinal);

        // An internal note: in the case for staff, nowhere for the reporter, and not for another region.
        var noted = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{complaintId}/notes", new { text = "ผู้รับเหมารายนี้เคยถูกร้องเรียนในปี 2568" }, StaffRoles.ComplaintsManage);
        Assert.Equal(HttpStatusCode.Created, noted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{complaintId}/notes", new { text = "ไม่ควรบันทึกได้" }, StaffRoles.ComplaintsManage, StaffRoles.Region(9))).StatusCode);
        Assert.DoesNotContain("เคยถูกร้องเรียน", (await ReporterViewAsync(code)).GetRawText(), StringComparison.Ordinal);

        // Staff see everything, and every change was audited.
        var staffView = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{complaintId}", null, StaffRoles.ComplaintsRead)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("ฝ่ายสืบสวน", staffView.GetProperty("history").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["ผู้รับเหมารายนี้เคยถูกร้องเรียนในปี 2568"], staffView.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        var actions = (await TrailRecords.OfComplaintAsync(_app, complaintId)).Select(r => r.Action).ToArray();
        Assert.Equal(2, actions.Count(a => a == "complaint.status"));
        Assert.Contains("complaint.message", actions);
        Assert.Single(actions, a => a == "complaint.note");

        // A file cannot be reused by another complaint.
        var reuse = await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-10", agency = "x", description = "เรื่องใหม่ที่พยายามใช้ไฟล์แนบเดิมซ้ำอีกครั้ง", anonymous = true, attachmentIds = new[] { photo } });
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.True((await reuse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("attachmentIds[0]", out _));
    }

    [Fact]
    public async Task ChangeStatus_AMoveTheStateDoesNotAllow_Is409AndChangesNothing()
    {
        var submitted = await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-80", agency = "อบต. ทดสอบสถานะ", description = "เรื่องสำหรับทดสอบการเปลี่ยนสถานะที่ไม่อนุญาต", anonymous = true });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        Task<HttpResponseMessage> Move(string status, string? note = null) =>
            _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status, note }, StaffRoles.ComplaintsManage);
        Assert.Equal(HttpStatusCode.OK, (await Move("closed", "ปิดเรื่อง")).StatusCode);

        foreach (var status in new[] { "closed", "referred", "dismissed" })
        {
            var refused = await Move(status, "ลองเปลี่ยน");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        }

        var silent = await Move("under_review");
        Assert.Equal(HttpStatusCode.BadRequest, silent.StatusCode);
        Assert.Equal(["note"], (await silent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var view = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", view.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(3, view.GetProperty("history").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await Move("under_review", "ผู้แจ้งส่งหลักฐานใหม่ เปิดเรื่องอีกครั้ง")).StatusCode);
    }

    [Fact]
    public async Task List_PagesNewestFirstWithoutRepeats()
    {
        for (var i = 0; i < 3; i++)
        {
            await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-50", agency = $"หน่วยงานทดสอบการแบ่งหน้า {i}", description = "เรื่องทดสอบการแบ่งหน้าของรายการเรื่องร้องเรียน", anonymous = true });
        }

        await Task.Delay(2500);
        var seen = new List<(string Id, DateTimeOffset At)>();
        string? token = null;
        do
        {
            var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/complaints?region=5&pageSize=2" + (token is null ? "" : "&continuationToken=" + token), null, StaffRoles.ComplaintsRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            Assert.True(items.Length <= 2);
            seen.AddRange(items.Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("receivedAt").GetDateTimeOffset())));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        Assert.True(seen.Count >= 3);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.At).Select(s => s.Id), seen.Select(s => s.Id));
    }

    [Fact]
    public async Task List_Filters_FindWhatTheyName()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var codes = _app.Service<AntiCorruption.Core.Tracking.TrackingCodes>();
        var pii = _app.Service<AntiCorruption.Core.Privacy.PiiProtector>();
        var store = _app.Service<ComplaintStore>();
        async Task<string> StoreAsync(DateTimeOffset receivedAt, string category, string province, int region, string agency)
        {
            var id = ComplaintIds.New(receivedAt);
            await _app.Storage.Queue(AntiCorruption.Core.Storage.StorageNames.ComplaintsQueue).SendMessageAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
                ComplaintMessage.CurrentVersion, id, codes.Hash(codes.New()), receivedAt, ComplaintChannel.Web, category, province, region, agency,
                null, null, true, false, [], pii.SealJson(new CaseDetails(null, "เรื่องสำหรับทดสอบตัวกรองรายการ", null, null, null), ComplaintMessage.DetailsContext(id)), null)));
            await Eventually.GetAsync(() => store.GetAsync(id, CancellationToken.None), TimeSpan.FromSeconds(15), "the complaint stored");
            return id;
        }

        var now = DateTimeOffset.UtcNow;
        var fresh = await StoreAsync(now, "bribery", "TH-80", 8, $"องค์การบริหารส่วนตำบลตัวกรอง{marker}");
        var late = await StoreAsync(now.AddDays(-8), "procurement", "TH-81", 8, $"เทศบาลตำบลตัวกรอง{marker}");
        // In the first week of October the older one belongs to the fiscal year before: ask both.
        var years = new[] { now, now.AddDays(-8) }.Select(t => AntiCorruption.Core.Time.FiscalYear.Of(t).BuddhistYear).Distinct().ToArray();
        async Task<string[]> IdsAsync(string query)
        {
            var ids = new List<string>();
            foreach (var year in years)
            {
                var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints?pageSize=200&fiscalYear={year}&q={Uri.EscapeDataString($"ตัวกรอง{marker}")}&{query}", null, StaffRoles.ComplaintsRead);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                ids.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            }

            return [.. ids];
        }

        // The agency search matches after normalisation: "อบต." finds "องค์การบริหารส่วนตำบล".
        var byAgency = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints?pageSize=200&fiscalYear={years[0]}&q={Uri.EscapeDataString($"อบต.ตัวกรอง{marker}")}", null, StaffRoles.ComplaintsRead);
        Assert.Equal([fresh], (await byAgency.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal([fresh, late], await IdsAsync("region=8"));
        Assert.Equal([late], await IdsAsync("category=procurement"));
        Assert.Equal([fresh], await IdsAsync("province=TH-80"));
        Assert.Equal([late], await IdsAsync("overdue=true"));
        var today = AntiCorruption.Core.Time.Bangkok.DateOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var weekAgo = AntiCorruption.Core.Time.Bangkok.DateOf(now.AddDays(-7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([fresh], await IdsAsync($"from={weekAgo}"));
        Assert.Equal([late], await IdsAsync($"to={AntiCorruption.Core.Time.Bangkok.DateOf(now.AddDays(-8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Contains(fresh, await IdsAsync($"from={today}&to={today}"));
    }

    [Theory]
    [InlineData("fiscalYear=69")]
    [InlineData("region=10")]
    [InlineData("status=open")]
    [InlineData("pageSize=0")]
    [InlineData("continuationToken=!!!")]
    [InlineData("category=nope")]
    [InlineData("province=TH-00")]
    [InlineData("overdue=maybe")]
    [InlineData("from=2569-13-01")]
    [InlineData("to=yesterday")]
    public async Task List_BadQuery_Is400NamingTheParameter(string query)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/complaints?" + query, null, StaffRoles.ComplaintsRead);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(query.Split('=')[0], out _));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("th")]
    public async Task List_UnknownStatus_MessageNamesEveryStatusAComplaintCanBeIn(string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/staff/complaints?status=bogus");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestKeys.StaffToken(StaffRoles.ComplaintsRead));
        request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("status")[0].GetString()!;
        Assert.All(["received", "registered", "under_review", "referred", "closed", "dismissed"], status => Assert.Contains(status, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeStatus_UnknownComplaintOrStatus_Is404Or400()
    {
        var unknown = await _app.StaffAsync(HttpMethod.Patch, "api/staff/complaints/01M8C4FBKCA0V8FTDZHH6R0W7N/status", new { status = "closed" }, StaffRoles.ComplaintsManage);
        var badStatus = await _app.StaffAsync(HttpMethod.Patch, "api/staff/complaints/01M8C4FBKCA0V8FTDZHH6R0W7N/status", new { status = "registered" }, StaffRoles.ComplaintsManage);
        var publicWithoutNote = await _app.StaffAsync(HttpMethod.Patch, "api/staff/complaints/01M8C4FBKCA0V8FTDZHH6R0W7N/status", new { status = "closed", @public = true }, StaffRoles.ComplaintsManage);
        var garbageId = await _app.StaffAsync(HttpMethod.Get, "api/staff/complaints/..%2F..%2Fetc", null, StaffRoles.ComplaintsRead);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, publicWithoutNote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbageId.StatusCode);
    }

    [Fact]
    public async Task ReporterMessage_UnknownCode_IsAnsweredLikeAWrongOne()
    {
        var wellFormed = await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX", text = "สวัสดีครับ" });
        var status = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" });

        Assert.Equal(HttpStatusCode.NotFound, wellFormed.StatusCode);
        Assert.Equal(await status.Content.ReadAsStringAsync(), await wellFormed.Content.ReadAsStringAsync());
    }
}
