using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;
using AntiCorruption.IntegrationTests.Reliability;
using Azure.Data.Tables;
using AntiCorruption.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

[Collection(AppTests.Name)]
public class AttachmentTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    /// <summary>Each accepted type, and the type it is kept as (a HEIC photo becomes a JPEG).</summary>
    public static TheoryData<byte[], string> Accepted => new()
    {
        { Evidence.Png, "image/png" },
        { Evidence.Jpeg, "image/jpeg" },
        { Evidence.WebP, "image/webp" },
        { Evidence.Heic, "image/jpeg" },
        { Evidence.Pdf, "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Upload_AcceptedType_Is201DescribingTheSealedFileAndNoTraceOfTheFileName(byte[] content, string contentType)
    {
        var response = await _app.UploadRawAsync(content, "ชื่อผู้แจ้ง-สมชาย.bin", "text/plain");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(contentType, body.GetProperty("contentType").GetString());
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("sha256").GetString());
        var id = body.GetProperty("attachmentId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);

        var blob = _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer).GetBlobClient(id);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Empty(properties.Metadata);
        Assert.Equal("no", (await blob.GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        Assert.Null(properties.ContentDisposition);
        // Sealed: the blob is as long as the kept file and its tags, and tells no type.
        Assert.Equal("application/octet-stream", properties.ContentType);
        Assert.Equal(EvidenceSeal.SealedLength(body.GetProperty("size").GetInt64()), properties.ContentLength);
    }

    [Fact]
    public async Task Upload_HtmlNamedJpeg_Is415()
    {
        var response = await _app.UploadRawAsync(Evidence.HtmlPretendingToBeJpeg, "photo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Upload_Executable_Is415()
    {
        var response = await _app.UploadRawAsync(Evidence.Executable, "scan.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Upload_OverTenMegabytes_Is413()
    {
        var big = new byte[AttachmentLimits.MaxBytes + 1];
        Evidence.Png.CopyTo(big, 0);

        var response = await _app.UploadRawAsync(big, "big.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Upload_ExactlyTenMegabytes_IsAccepted()
    {
        var big = TestPdf.Build(totalBytes: AttachmentLimits.MaxBytes);
        Assert.Equal(AttachmentLimits.MaxBytes, big.Length);

        var response = await _app.UploadRawAsync(big, "big.pdf");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Upload_TwoFilesInOneRequest_Is400()
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Evidence.Png), "file", "a.png" },
            { new ByteArrayContent(Evidence.Pdf), "file", "b.pdf" },
        };

        var response = await _app.Client.PostAsync(new Uri("api/attachments", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_EmptyOrMissingFile_Is400()
    {
        var empty = await _app.UploadRawAsync([], "empty.png");
        var noFile = await _app.Client.PostAsync(new Uri("api/attachments", UriKind.Relative), new MultipartFormDataContent { { new StringContent("hello"), "note" } });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
    }

    [Fact]
    public async Task Upload_NotMultipart_Is415()
    {
        var response = await _app.Client.PostAsync(new Uri("api/attachments", UriKind.Relative), new ByteArrayContent(Evidence.Png));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Complaint_UnknownAttachment_Is400OnThatItem()
    {
        var known = await _app.UploadAsync(Evidence.Png);
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "other",
            province = "TH-10",
            agency = "ทดสอบ",
            description = "เรื่องที่อ้างถึงไฟล์แนบที่ไม่มีอยู่ในระบบเลย",
            anonymous = true,
            attachmentIds = new[] { known, Guid.NewGuid().ToString("N") },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["attachmentIds[1]"], errors.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>
    /// Complaints sent at the same moment naming one file: intake decides the claim before it
    /// answers, so one is accepted with the file and the others are told at once, on the field.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Submit_ConcurrentComplaintsNamingOneFile_ExactlyOneCaseHoldsIt(int senders)
    {
        var file = await _app.UploadAsync(Evidence.Png);
        var responses = await Task.WhenAll(Enumerable.Range(0, senders).Select(i => _app.PostJsonAsync("api/complaints", new
        {
            category = "procurement",
            province = "TH-80",
            agency = "อบต. ทดสอบไฟล์ซ้ำ",
            description = $"ผู้แจ้งรายที่ {i} ส่งภาพถ่ายใบเสร็จที่ถูกแก้ไขตัวเลข",
            anonymous = true,
            attachmentIds = new[] { file },
        })));

        var accepted = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in responses.Where(r => r != accepted))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal(["attachmentIds[0]"], errors.EnumerateObject().Select(p => p.Name));
        }

        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        await ReporterLookups.RegisteredAsync(_app.Client, code, TimeSpan.FromSeconds(15));
        var holder = Assert.Single(await _app.ComplaintsWithCodeAsync(code)).ComplaintId;

        // In storage: the file's row names the one case, and no other case lists the file.
        Assert.Equal(holder, (await _app.Service<AttachmentStore>().FindAsync(file, CancellationToken.None))!.ComplaintId);
        var listing = new List<string>();
        await foreach (var c in _app.Storage.Table(StorageNames.ComplaintsTable).QueryAsync<TableEntity>(select: ["ComplaintId", "AttachmentIds"]))
        {
            if (c.GetString("AttachmentIds")?.Contains(file, StringComparison.Ordinal) == true)
            {
                listing.Add(c.GetString("ComplaintId"));
            }
        }

        Assert.Equal([holder], listing);

        // In the staff view.
        var view = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{holder}", null, StaffRoles.ComplaintsRead)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([file], view.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("attachmentId").GetString()));

        // In the year's complaints.csv: the case with one file, and nothing else sent here.
        var year = FiscalYear.Of(Bangkok.StartOf(DateOnly.Parse(receipt.GetProperty("receivedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture))).BuddhistYear;
        await TestSummaries.CompileAsync(_app, year);
        var csv = TestSummaries.Csv(await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/summaries/{year}/complaints.csv", null, StaffRoles.SummariesRead)).Content.ReadAsByteArrayAsync());
        var files = Array.IndexOf(csv[0], "จำนวนไฟล์แนบ");
        var reference = _app.Service<ComplaintReferences>().Of(holder);
        Assert.Equal("1", Assert.Single(csv, row => row[0] == reference)[files]);
    }

    /// <summary>
    /// A complaint queued before intake decided claims (an upgrade with messages in flight) that
    /// names a file another case already holds is stored without it.
    /// </summary>
    [Fact]
    public async Task Process_QueuedComplaintNamingAHeldFile_IsStoredWithoutIt()
    {
        var file = await _app.UploadAsync(Evidence.Pdf);
        var first = await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-80", agency = "อบต. ท่าศาลา", description = "เอกสารสัญญาที่มีลายมือชื่อปลอมแนบมาด้วย", anonymous = true, attachmentIds = new[] { file } });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await ReporterLookups.RegisteredAsync(_app.Client, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!, TimeSpan.FromSeconds(15));

        var codes = _app.Service<TrackingCodes>();
        var pii = _app.Service<PiiProtector>();
        var receivedAt = DateTimeOffset.UtcNow;
        var id = ComplaintIds.New(receivedAt);
        await _app.Storage.Queue(StorageNames.ComplaintsQueue).SendMessageAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, codes.Hash(codes.New()), receivedAt, ComplaintChannel.Web, "other", "TH-80", 8, "อบต. ท่าศาลา",
            null, null, true, false, [file], pii.SealJson(new CaseDetails(null, "เรื่องที่เข้าคิวไว้ก่อนการปรับรุ่นระบบ", null, null, null), ComplaintMessage.DetailsContext(id)), null)));

        var stored = await Eventually.GetAsync(() => _app.Service<ComplaintStore>().GetAsync(id, CancellationToken.None), TimeSpan.FromSeconds(15), "the queued complaint");

        Assert.Equal("[]", stored.AttachmentIds);
        Assert.NotEqual(id, (await _app.Service<AttachmentStore>().FindAsync(file, CancellationToken.None))!.ComplaintId);
    }

    [Fact]
    public async Task Purge_UnclaimedAfterADay_DeletesFileAndRowButKeepsClaimedOnes()
    {
        var time = new FixedTime(DateTimeOffset.UtcNow);
        var store = new AttachmentStore(_app.Storage, new PiiProtector(TestKeys.Pii()), time, NullLogger<AttachmentStore>.Instance);
        var orphan = await store.AddAsync(new CleanedFile(Evidence.Png, "image/png"), CancellationToken.None);
        var claimed = await store.AddAsync(new CleanedFile(Evidence.Pdf, "application/pdf"), CancellationToken.None);
        Assert.True(await store.ConfirmAsync(claimed.AttachmentId, "01M8C4FBKCA0V8FTDZHH6R0W7N", CancellationToken.None));

        time.Now += TimeSpan.FromHours(23);
        await store.PurgeUnclaimedAsync(CancellationToken.None);
        Assert.NotNull(await store.FindAsync(orphan.AttachmentId, CancellationToken.None));

        time.Now += TimeSpan.FromHours(2);
        await store.PurgeUnclaimedAsync(CancellationToken.None);

        var container = _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);
        Assert.Null(await store.FindAsync(orphan.AttachmentId, CancellationToken.None));
        Assert.False((await container.GetBlobClient(orphan.AttachmentId).ExistsAsync()).Value);
        Assert.NotNull(await store.FindAsync(claimed.AttachmentId, CancellationToken.None));
        Assert.True((await container.GetBlobClient(claimed.AttachmentId).ExistsAsync()).Value);
        Assert.Equal("yes", (await container.GetBlobClient(claimed.AttachmentId).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
    }
}
