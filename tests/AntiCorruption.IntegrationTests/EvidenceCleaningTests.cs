using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.IntegrationTests.Reliability;
using AntiCorruption.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Xunit.Abstractions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Evidence through the running app: files that carry a reporter's GPS position, phone serial or
/// name are uploaded, sent with a tip, and downloaded by staff through the app's route; what comes
/// back is read with MetadataExtractor and ExifTool (not with the code that cleaned it), and what
/// lies in Azurite is read as a storage reader would.
/// </summary>
[Collection(AppTests.Name)]
public class EvidenceCleaningTests(AppFixture fixture, ITestOutputHelper output)
{
    private readonly AppHost _app = fixture.Host;

    private BlobContainerClient Container => _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);

    private static bool Holds(byte[] content, ReadOnlySpan<byte> part) => content.AsSpan().IndexOf(part) >= 0;

    private static bool Holds(byte[] content, string text) => Holds(content, Encoding.UTF8.GetBytes(text));

    /// <summary>Uploads the files, sends a tip naming them, waits for it to be stored: the case id and each upload's answer.</summary>
    private async Task<(string ComplaintId, JsonElement[] Uploads)> SendTipAsync(params byte[][] files)
    {
        var uploads = new List<JsonElement>();
        foreach (var file in files)
        {
            var response = await _app.UploadRawAsync(file, "IMG_0001.jpg");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            uploads.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var submitted = await _app.PostJsonAsync("api/complaints", new
        {
            category = "procurement",
            province = "TH-80",
            agency = "อบต. ทดสอบหลักฐาน",
            description = "ภาพถ่ายหน้างานและสัญญาจ้างที่มีการแก้ไขตัวเลขงบประมาณ",
            anonymous = true,
            attachmentIds = uploads.Select(u => u.GetProperty("attachmentId").GetString()).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await ReporterLookups.RegisteredAsync(_app.Client, code, TimeSpan.FromSeconds(15));
        return (Assert.Single(await _app.ComplaintsWithCodeAsync(code)).ComplaintId, uploads.ToArray());
    }

    private async Task<HttpResponseMessage> DownloadAsync(string complaintId, string attachmentId) =>
        await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{complaintId}/attachments/{attachmentId}", null, StaffRoles.ComplaintsRead);

    [Fact]
    public async Task Evidence_JpegHeicAndPdfWithMetadata_ComeBackFromTheStaffRouteWithoutIt()
    {
        var (complaintId, uploads) = await SendTipAsync(Evidence.JpegWithGps, Evidence.HeicWithExif, Evidence.PdfWithAuthor);
        var expected = new[] { ("image/jpeg", "jpg"), ("image/jpeg", "jpg"), ("application/pdf", "pdf") };

        for (var i = 0; i < uploads.Length; i++)
        {
            var (contentType, extension) = expected[i];
            var id = uploads[i].GetProperty("attachmentId").GetString()!;
            using var response = await DownloadAsync(complaintId, id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            var file = await response.Content.ReadAsByteArrayAsync();

            // The upload's answer described this very file: the one kept.
            Assert.Equal(contentType, uploads[i].GetProperty("contentType").GetString());
            Assert.Equal(file.Length, uploads[i].GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), uploads[i].GetProperty("sha256").GetString());

            // ExifTool sees nothing of the reporter, the device or the place.
            var exif = await MetadataProbe.ExifToolAsync(file, extension);
            output.WriteLine($"{contentType} #{i}: {file.Length} bytes; exiftool:\n{exif}");
            foreach (var gone in new[] { "GPS", Evidence.SecretAuthor, Evidence.DeviceSerial, Evidence.EarlierAuthor, "iPhone", "DESKTOP-REPORTER", "Serial", "Owner", "Contract 2569-114" })
            {
                Assert.DoesNotContain(gone, exif, StringComparison.Ordinal);
                Assert.False(Holds(file, gone), $"{gone} in the bytes of file {i}");
            }

            if (contentType == "image/jpeg")
            {
                // MetadataExtractor: no EXIF, GPS or XMP directory at all.
                var directories = MetadataProbe.Directories(file);
                Assert.DoesNotContain("GPS", directories);
                Assert.DoesNotContain("XMP", directories);
                Assert.DoesNotContain(directories, d => d.StartsWith("Exif", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains("[PDF]           PageCount                       : 1", exif, StringComparison.Ordinal);
                Assert.DoesNotContain("[PDF]           Author", exif, StringComparison.Ordinal);
                Assert.DoesNotContain("CreateDate                      : 2026", exif, StringComparison.Ordinal);
            }

            // The blob in storage is neither the file sent nor the file kept, and names nothing.
            var blob = (await Container.GetBlobClient(id).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(EvidenceSeal.SealedLength(file.Length), blob.Length);
            Assert.False(blob.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]), "JPEG magic in the blob");
            Assert.False(Holds(blob, "%PDF"), "PDF magic in the blob");
            Assert.False(Holds(blob, "ftyp"), "HEIC box in the blob");
            Assert.False(Holds(blob, Evidence.SecretAuthor));
            Assert.False(Holds(blob, Evidence.DeviceSerial));
            Assert.False(Holds(blob, file.AsSpan(file.Length / 2, 32)), "a run of the kept file in the blob");
            var properties = (await Container.GetBlobClient(id).GetPropertiesAsync()).Value;
            Assert.Equal("application/octet-stream", properties.ContentType);
            Assert.Empty(properties.Metadata);
        }
    }

    [Fact]
    public async Task Evidence_PngAndWebPWithExif_ComeBackWithoutIt()
    {
        var (complaintId, uploads) = await SendTipAsync(Evidence.PngWithExif, Evidence.WebPWithExif);

        foreach (var (upload, extension) in uploads.Zip(new[] { "png", "webp" }))
        {
            using var response = await DownloadAsync(complaintId, upload.GetProperty("attachmentId").GetString()!);
            var file = await response.Content.ReadAsByteArrayAsync();
            var directories = MetadataProbe.Directories(file);
            Assert.DoesNotContain("GPS", directories);
            Assert.DoesNotContain("XMP", directories);
            Assert.DoesNotContain(directories, d => d.StartsWith("Exif", StringComparison.Ordinal));
            var exif = await MetadataProbe.ExifToolAsync(file, extension);
            Assert.DoesNotContain("Somchai", exif, StringComparison.Ordinal);
            Assert.DoesNotContain("Date", exif, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string> Uncleanable => new()
    {
        { nameof(Evidence.BrokenJpeg), "อ่านไฟล์นี้ไม่ได้", "could not be read" },
        { nameof(Evidence.BrokenPdf), "อ่านไฟล์นี้ไม่ได้", "could not be read" },
        { "EncryptedPdf", "มีรหัสผ่าน", "password-protected" },
    };

    [Theory]
    [MemberData(nameof(Uncleanable))]
    public async Task Upload_FileThatCannotBeCleaned_Is422InTheReadersLanguageAndNothingIsStored(string name, string thai, string english)
    {
        var content = name == "EncryptedPdf" ? EncryptedPdf() : (byte[])typeof(Evidence).GetProperty(name)!.GetValue(null)!;
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);

        var inThai = await _app.UploadRawAsync(content, "evidence.bin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/attachments") { Content = Form(content) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await _app.Client.SendAsync(request);

        foreach (var (response, words) in new[] { (inThai, thai), (inEnglish, english) })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:problem-type:anticorruption:file-not-cleanable", problem.GetProperty("type").GetString());
            Assert.Contains(words, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains(words, Assert.Single(problem.GetProperty("errors").GetProperty("file").EnumerateArray()).GetString(), StringComparison.Ordinal);
        }

        // No blob written since holds the refused bytes.
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, CancellationToken.None))
        {
            if (item.Properties.CreatedOn >= since)
            {
                Assert.False(Holds((await Container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToArray(), content), $"blob {item.Name} holds the refused file");
            }
        }
    }

    [Fact]
    public async Task Upload_TenMegabytePhoto_IsCleanedAndAnsweredWithinSeconds()
    {
        var photo = TenMegabytePhoto();
        Assert.InRange(photo.Length, AttachmentLimits.MaxBytes - (2 * 1024 * 1024), AttachmentLimits.MaxBytes);

        var started = Stopwatch.StartNew();
        var response = await _app.UploadRawAsync(photo, "IMG_4032.jpg");
        var elapsed = started.Elapsed;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("image/jpeg", answer.GetProperty("contentType").GetString());
        output.WriteLine($"a {photo.Length:N0}-byte 4000x3000 JPEG with GPS EXIF: cleaned into {answer.GetProperty("size").GetInt64():N0} bytes, answered in {elapsed.TotalMilliseconds:N0} ms");
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Download_FileStoredBeforeSealing_IsServedAsItWasStored()
    {
        // What the previous version wrote: the bytes as sent, typed, and a row without a key.
        var legacy = Evidence.Png;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await Container.GetBlobClient(id).UploadAsync(
            BinaryData.FromBytes(legacy),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" }, Tags = new Dictionary<string, string> { [AttachmentStore.ClaimedTag] = "no" } });
        await _app.Storage.Table(StorageNames.AttachmentsTable).AddEntityAsync(new Azure.Data.Tables.TableEntity(AttachmentEntity.PartitionOf(id), id)
        {
            ["ContentType"] = "image/png",
            ["Size"] = (long)legacy.Length,
            ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(legacy)),
            ["UploadedAt"] = DateTimeOffset.UtcNow,
            ["ComplaintId"] = "",
        });

        var submitted = await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-10", agency = "สำนักงานเขตบางรัก", description = "ไฟล์ที่แนบไว้ก่อนการปรับรุ่นระบบ ยังต้องเปิดได้", anonymous = true, attachmentIds = new[] { id } });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await ReporterLookups.RegisteredAsync(_app.Client, code, TimeSpan.FromSeconds(15));
        var complaintId = Assert.Single(await _app.ComplaintsWithCodeAsync(code)).ComplaintId;

        using var response = await DownloadAsync(complaintId, id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(legacy, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Open_AfterThePiiKeyIsRotated_FilesSealedUnderThePreviousKeyStillOpen()
    {
        var before = new AttachmentStore(_app.Storage, new AntiCorruption.Core.Privacy.PiiProtector(TestKeys.Pii()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AttachmentStore>.Instance);
        var rotated = new AttachmentStore(_app.Storage, new AntiCorruption.Core.Privacy.PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey, previous: TestKeys.PiiKey)), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AttachmentStore>.Instance);
        var forgotten = new AttachmentStore(_app.Storage, new AntiCorruption.Core.Privacy.PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey)), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AttachmentStore>.Instance);
        var file = new CleanedFile(Evidence.Pdf, "application/pdf");
        var stored = await before.AddAsync(file, CancellationToken.None);
        Assert.True(await before.ConfirmAsync(stored.AttachmentId, "01M8C4FBKCA0V8FTDZHH6R0W7N", CancellationToken.None));
        var evidence = (await rotated.EvidenceOfAsync(stored.AttachmentId, "01M8C4FBKCA0V8FTDZHH6R0W7N", CancellationToken.None))!;

        await using var opened = await rotated.OpenAsync(evidence, CancellationToken.None);
        using var copy = new MemoryStream();
        await opened.CopyToAsync(copy, CancellationToken.None);

        Assert.Equal(Evidence.Pdf, copy.ToArray());
        await Assert.ThrowsAnyAsync<CryptographicException>(() => forgotten.OpenAsync(evidence, CancellationToken.None));
    }

    private static MultipartFormDataContent Form(byte[] content) => new() { { new ByteArrayContent(content), "file", "evidence.bin" } };

    private static byte[] EncryptedPdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        document.SecuritySettings.UserPassword = "reporter";
        document.SecuritySettings.OwnerPassword = "reporter-owner";
        using var pdf = new MemoryStream();
        document.Save(pdf);
        return pdf.ToArray();
    }

    /// <summary>
    /// A 4000x3000 (12 MP) phone-sized photo with GPS EXIF, just under 10 MB: a gradient with
    /// grain, which a JPEG compresses about as badly as a real photo.
    /// </summary>
    private static byte[] TenMegabytePhoto()
    {
        const int Width = 4000, Height = 3000, Grain = 22;
        var pixels = new byte[Width * Height * 3];
        var random = new Random(20261130);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var at = ((y * Width) + x) * 3;
                var shade = ((x * 255 / Width) + (y * 255 / Height)) / 2;
                pixels[at] = (byte)Math.Clamp(shade + random.Next(-Grain, Grain), 0, 255);
                pixels[at + 1] = (byte)Math.Clamp(255 - shade + random.Next(-Grain, Grain), 0, 255);
                pixels[at + 2] = (byte)Math.Clamp(128 + random.Next(-Grain, Grain), 0, 255);
            }
        }

        using var image = new ImageMagick.MagickImage(pixels, new ImageMagick.PixelReadSettings(Width, Height, ImageMagick.StorageType.Char, ImageMagick.PixelMapping.RGB));
        image.Quality = 92;
        var exif = new ImageMagick.ExifProfile();
        exif.SetValue(ImageMagick.ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ImageMagick.ExifTag.GPSLatitude, [new ImageMagick.Rational(13, 1), new ImageMagick.Rational(45, 1), new ImageMagick.Rational(2268, 100)]);
        exif.SetValue(ImageMagick.ExifTag.Artist, Evidence.SecretAuthor);
        image.SetProfile(exif);
        return image.ToByteArray(ImageMagick.MagickFormat.Jpeg);
    }
}
