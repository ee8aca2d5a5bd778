using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

[Collection(AppTests.Name)]
public class AttachmentTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    public static TheoryData<byte[], string> Accepted => new()
    {
        { Evidence.Png, "image/png" },
        { Evidence.Jpeg, "image/jpeg" },
        { Evidence.WebP, "image/webp" },
        { Evidence.Heic, "image/heic" },
        { Evidence.Pdf, "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Upload_AcceptedType_Is201WithItsHashAndNoTraceOfTheFileName(byte[] content, string contentType)
    {
        var response = await _app.UploadRawAsync(content, "ชื่อผู้แจ้ง-สมชาย.bin", "text/plain");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(contentType, body.GetProperty("contentType").GetString());
        Assert.Equal(content.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), body.GetProperty("sha256").GetString());
        var id = body.GetProperty("attachmentId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);

        var blob = _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer).GetBlobClient(id);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Empty(properties.Metadata);
        Assert.Equal("no", (await blob.GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        Assert.Null(properties.ContentDisposition);
        Assert.Equal(contentType, properties.ContentType);
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
        var big = new byte[AttachmentLimits.MaxBytes];
        Evidence.Pdf.CopyTo(big, 0);

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

    [Fact]
    public async Task Purge_UnclaimedAfterADay_DeletesFileAndRowButKeepsClaimedOnes()
    {
        var time = new FixedTime(DateTimeOffset.UtcNow);
        var store = new AttachmentStore(_app.Storage, time, NullLogger<AttachmentStore>.Instance);
        var orphan = await store.AddAsync(Evidence.Png, "image/png", CancellationToken.None);
        var claimed = await store.AddAsync(Evidence.Pdf, "application/pdf", CancellationToken.None);
        await store.ClaimAsync(claimed.AttachmentId, "01M8C4FBKCA0V8FTDZHH6R0W7N", CancellationToken.None);

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
