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
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Evidence stored by versions before files were cleaned and sealed (the blob the file as it was
/// sent, the row without a key), brought to today's shape by the hourly job: what staff download
/// afterwards is read with the independent metadata readers; runs are cut short between steps, and
/// run twice at once, and every file stays readable from exactly one blob.
/// </summary>
[Collection(AppTests.Name)]
public class EarlierAttachmentSealingTests(AppFixture fixture)
{
    /// <summary>
    /// The job's clock, and the upload time of the first-shape rows: later than any wall clock these
    /// tests run at, so that the host's hourly purge of unclaimed uploads (on the wall clock) takes
    /// these rows as new and leaves them to the test.
    /// </summary>
    private static readonly DateTimeOffset Start = new(2031, 3, 2, 3, 20, 0, TimeSpan.Zero);

    private const string FakeCase = "01M8C4FBKCA0V8FTDZHH6R0W7N";

    private readonly AppHost _app = fixture.Host;
    private readonly FixedTime _clock = new(Start);

    private BlobContainerClient Container => _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);

    private TableClient Table => _app.Storage.Table(StorageNames.AttachmentsTable);

    private AttachmentStore Store => _app.Service<AttachmentStore>();

    private EarlierEvidenceSteps Steps(TimeProvider? clock = null) =>
        new(_app.Storage, Store, _app.Service<EvidenceCleaner>(), clock ?? _clock);

    private EarlierEvidenceSealing Job(TimeProvider? clock = null) =>
        new(_app.Storage, Steps(clock), clock ?? _clock, NullLogger<EarlierEvidenceSealing>.Instance);

    private static bool Holds(byte[] content, string text) => content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static bool Holds(byte[] content, ReadOnlySpan<byte> part) => content.AsSpan().IndexOf(part) >= 0;

    [Fact]
    public async Task Seal_FirstShapeJpegWithGps_StaffGetAPhotoWithoutGpsAndTheBlobKeepsItsClaim()
    {
        var (complaintId, ids) = await FirstShapeCaseAsync((Evidence.JpegWithGps, "image/jpeg"));
        var id = ids[0];
        var before = await RowAsync(id);

        await Job().SealAsync(CancellationToken.None);

        // The row: sealed, reading a new blob, everything else as it was; the old blob is gone.
        var row = await RowAsync(id);
        Assert.NotNull(row.SealedKey);
        Assert.NotEqual(id, row.FileBlob());
        Assert.Null(row.PendingBlob);
        Assert.Null(row.RetiredBlob);
        Assert.Equal((before.ComplaintId, before.UploadedAt, "image/jpeg"), (row.ComplaintId, row.UploadedAt, row.ContentType));
        Assert.False((await Container.GetBlobClient(id).ExistsAsync()).Value);

        // The blob: not the file, no EXIF, no serial, no JPEG magic; still claimed for the lifecycle rule.
        var blob = (await Container.GetBlobClient(row.FileBlob()).DownloadContentAsync()).Value.Content.ToArray();
        Assert.NotEqual(Evidence.JpegWithGps, blob);
        Assert.False(Holds(blob, "Exif\0\0"), "an EXIF header in the blob");
        Assert.False(Holds(blob, Evidence.DeviceSerial));
        Assert.False(blob.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]), "JPEG magic in the blob");
        Assert.Equal("yes", (await Container.GetBlobClient(row.FileBlob()).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        var properties = (await Container.GetBlobClient(row.FileBlob()).GetPropertiesAsync()).Value;
        Assert.Equal("application/octet-stream", properties.ContentType);

        // Staff: a photo without GPS, EXIF or XMP, as MetadataExtractor and ExifTool read it; the row describes it.
        var file = await DownloadAsync(complaintId, id);
        var directories = MetadataProbe.Directories(file);
        Assert.Contains("GPS", MetadataProbe.Directories(Evidence.JpegWithGps));
        Assert.DoesNotContain("GPS", directories);
        Assert.DoesNotContain("XMP", directories);
        Assert.DoesNotContain(directories, d => d.StartsWith("Exif", StringComparison.Ordinal));
        Assert.DoesNotContain("GPS", await MetadataProbe.ExifToolAsync(file, "jpg"), StringComparison.Ordinal);
        Assert.Equal((file.LongLength, Convert.ToHexStringLower(SHA256.HashData(file))), (row.Size, row.Sha256));
        Assert.Equal(EvidenceSeal.SealedLength(file.Length), blob.Length);
    }

    [Fact]
    public async Task Seal_FirstShapePdfWithAuthor_StaffGetItWithoutTheAuthor()
    {
        var (complaintId, ids) = await FirstShapeCaseAsync((Evidence.PdfWithAuthor, "application/pdf"));

        // The job as the app registers it for PurgeExpiredRecords (on the host's clock: nothing here depends on the hour).
        await _app.Service<EarlierEvidenceSealing>().SealAsync(CancellationToken.None);

        var file = await DownloadAsync(complaintId, ids[0]);
        var exif = await MetadataProbe.ExifToolAsync(file, "pdf");
        Assert.Contains("[PDF]           PageCount                       : 1", exif, StringComparison.Ordinal);
        Assert.DoesNotContain("[PDF]           Author", exif, StringComparison.Ordinal);
        Assert.DoesNotContain(Evidence.SecretAuthor, exif, StringComparison.Ordinal);
        Assert.False(Holds(file, Evidence.SecretAuthor));
        Assert.False(Holds(file, Evidence.EarlierAuthor));
        var row = await RowAsync(ids[0]);
        Assert.False(Holds((await Container.GetBlobClient(row.FileBlob()).DownloadContentAsync()).Value.Content.ToArray(), "%PDF"), "PDF magic in the blob");
    }

    [Fact]
    public async Task Seal_FirstShapeFileTheCleanerRefuses_IsSealedAsItWasAndDownloadsByteForByte()
    {
        var (complaintId, ids) = await FirstShapeCaseAsync((Evidence.BrokenJpeg, "image/jpeg"));

        var counts = await Job().SealAsync(CancellationToken.None);

        var row = await RowAsync(ids[0]);
        Assert.NotNull(row.SealedKey);
        Assert.True(counts.KeptAsStored >= 1);
        var blob = (await Container.GetBlobClient(row.FileBlob()).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(EvidenceSeal.SealedLength(Evidence.BrokenJpeg.Length), blob.Length);
        Assert.False(Holds(blob, Evidence.BrokenJpeg), "the stored file in the blob");
        Assert.Equal(Evidence.BrokenJpeg, await DownloadAsync(complaintId, ids[0]));
        Assert.Equal((Evidence.BrokenJpeg.LongLength, Convert.ToHexStringLower(SHA256.HashData(Evidence.BrokenJpeg)), "image/jpeg"), (row.Size, row.Sha256, row.ContentType));
    }

    /// <summary>Two runs at once share the files and seal each once; a third run finds nothing to do and changes nothing.</summary>
    [Fact]
    public async Task Seal_TwoRunsAtOnceThenAgain_EachFileSealedOnceAndTheLastRunChangesNothing()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);
        var files = new[] { Evidence.JpegWithGps, Evidence.PdfWithAuthor, Evidence.BrokenJpeg, Evidence.PngWithExif, Evidence.WebPWithExif, Evidence.HeicWithExif };
        var ids = new List<string>();
        foreach (var file in files)
        {
            ids.Add(await StoreFirstShapeAsync(file, FileSignatures.Detect(file)!, FakeCase));
        }

        var runs = await Task.WhenAll(Job().SealAsync(CancellationToken.None), Job().SealAsync(CancellationToken.None));

        Assert.All(runs, run => Assert.Equal(0, run.Failed));
        var rows = new List<AttachmentEntity>();
        foreach (var (id, file) in ids.Zip(files))
        {
            var row = await RowAsync(id);
            rows.Add(row);
            Assert.NotNull(row.SealedKey);
            Assert.Null(row.PendingBlob);
            Assert.Null(row.RetiredBlob);
            Assert.False((await Container.GetBlobClient(id).ExistsAsync()).Value, "the first blob is still there");
            var opened = await OpenAsync(id);
            Assert.Equal(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(opened)));
            Assert.Equal(file == Evidence.BrokenJpeg, opened.SequenceEqual(file));
        }

        // Every blob the runs wrote is a row's file: the copy a losing run made is gone.
        await AssertEveryBlobSinceIsARowsFileAsync(since);

        var again = await Job().SealAsync(CancellationToken.None);

        Assert.Equal((0, 0, 0), (again.Cleaned + again.KeptAsStored, again.Retired, again.Failed));
        foreach (var row in rows)
        {
            var now = await RowAsync(row.RowKey);
            Assert.Equal(row.ETag, now.ETag);
            Assert.Equal(row.FileBlob(), now.FileBlob());
        }
    }

    [Fact]
    public async Task Reserve_TwoRunsFromOneRead_OnlyOneGoesOn()
    {
        var id = await StoreFirstShapeAsync(Evidence.Jpeg, "image/jpeg", FakeCase);
        var row = await RowAsync(id);

        var reservations = await Task.WhenAll(Steps().ReserveAsync(row, CancellationToken.None), Steps().ReserveAsync(row, CancellationToken.None));

        var reserved = Assert.Single(reservations.OfType<AttachmentEntity>());
        Assert.Equal(reserved.PendingBlob, (await RowAsync(id)).PendingBlob);
        Assert.Null(await Steps().ReserveAsync(await RowAsync(id), CancellationToken.None));
    }

    /// <summary>A run that dies after its reservation: the file is read as it was; the run after the lease seals it.</summary>
    [Fact]
    public async Task Seal_RunDiedAfterReserving_FileStillOpensAndALaterRunFinishes()
    {
        var id = await StoreFirstShapeAsync(Evidence.JpegWithGps, "image/jpeg", FakeCase);
        Assert.NotNull(await Steps().ReserveAsync(await RowAsync(id), CancellationToken.None));

        Assert.Equal(Evidence.JpegWithGps, await OpenAsync(id));

        // Ten minutes on, the reservation may still be a live run's: left alone.
        _clock.Now += TimeSpan.FromMinutes(10);
        await Job().SealAsync(CancellationToken.None);
        Assert.Null((await RowAsync(id)).SealedKey);

        _clock.Now += EarlierEvidenceSteps.Lease;
        await Job().SealAsync(CancellationToken.None);

        await AssertSealedAndCleanAsync(id);
    }

    /// <summary>A run that dies after writing the sealed copy: the row names the copy, the next run deletes it and seals again.</summary>
    [Fact]
    public async Task Seal_RunDiedAfterWritingTheCopy_NoBlobIsLeftUnnamedAndALaterRunFinishes()
    {
        var id = await StoreFirstShapeAsync(Evidence.JpegWithGps, "image/jpeg", FakeCase);
        var steps = Steps();
        var reserved = (await steps.ReserveAsync(await RowAsync(id), CancellationToken.None))!;
        Assert.NotNull(await steps.WriteAsync(reserved, CancellationToken.None));

        var crashed = await RowAsync(id);
        Assert.Equal(reserved.PendingBlob, crashed.PendingBlob);
        Assert.True((await Container.GetBlobClient(reserved.PendingBlob!).ExistsAsync()).Value);
        Assert.Equal(Evidence.JpegWithGps, await OpenAsync(id));

        _clock.Now += EarlierEvidenceSteps.Lease + TimeSpan.FromMinutes(1);
        await Job().SealAsync(CancellationToken.None);

        await AssertSealedAndCleanAsync(id);
        Assert.False((await Container.GetBlobClient(reserved.PendingBlob!).ExistsAsync()).Value, "the dead run's copy");
    }

    /// <summary>A run that dies after the switch: the row reads the sealed file; the next run deletes the old blob.</summary>
    [Fact]
    public async Task Seal_RunDiedAfterTheSwitch_FileOpensSealedAndALaterRunDeletesTheOldBlob()
    {
        var id = await StoreFirstShapeAsync(Evidence.JpegWithGps, "image/jpeg", FakeCase);
        var steps = Steps();
        var reserved = (await steps.ReserveAsync(await RowAsync(id), CancellationToken.None))!;
        var file = (await steps.WriteAsync(reserved, CancellationToken.None))!;
        Assert.NotNull(await steps.SwitchAsync(reserved, file, CancellationToken.None));

        var crashed = await RowAsync(id);
        Assert.Equal(id, crashed.RetiredBlob);
        Assert.True((await Container.GetBlobClient(id).ExistsAsync()).Value);
        Assert.DoesNotContain("GPS", MetadataProbe.Directories(await OpenAsync(id)));

        await Job().SealAsync(CancellationToken.None);

        await AssertSealedAndCleanAsync(id);
    }

    /// <summary>
    /// A run that outlived its lease (which the host's timeout rules out, but the order must hold
    /// anyway): another run takes the file over and seals it; the late run's switch changes
    /// nothing, and its copy is deleted.
    /// </summary>
    [Fact]
    public async Task Switch_ByARunWhoseFileWasTakenOver_ChangesNothingAndLeavesNoCopy()
    {
        var id = await StoreFirstShapeAsync(Evidence.JpegWithGps, "image/jpeg", FakeCase);
        var late = Steps(new FixedTime(Start));
        var reserved = (await late.ReserveAsync(await RowAsync(id), CancellationToken.None))!;
        var file = (await late.WriteAsync(reserved, CancellationToken.None))!;

        _clock.Now += EarlierEvidenceSteps.Lease + TimeSpan.FromMinutes(1);
        await Job().SealAsync(CancellationToken.None);
        var sealedRow = await RowAsync(id);

        Assert.Null(await late.SwitchAsync(reserved, file, CancellationToken.None));

        Assert.Equal(sealedRow.ETag, (await RowAsync(id)).ETag);
        Assert.False((await Container.GetBlobClient(reserved.PendingBlob!).ExistsAsync()).Value, "the late run's copy");
        await AssertSealedAndCleanAsync(id);
    }

    /// <summary>A reservation that grew too old is not switched: a run cut off by the host must not race the one taking over.</summary>
    [Fact]
    public async Task Switch_AfterHalfTheLease_IsNotMadeAndTheCopyStaysNamed()
    {
        var id = await StoreFirstShapeAsync(Evidence.Jpeg, "image/jpeg", FakeCase);
        var steps = Steps();
        var reserved = (await steps.ReserveAsync(await RowAsync(id), CancellationToken.None))!;
        var file = (await steps.WriteAsync(reserved, CancellationToken.None))!;

        _clock.Now += EarlierEvidenceSteps.Lease / 2;

        Assert.Null(await steps.SwitchAsync(reserved, file, CancellationToken.None));
        var row = await RowAsync(id);
        Assert.Null(row.SealedKey);
        Assert.Equal(reserved.PendingBlob, row.PendingBlob);
        Assert.Equal(Evidence.Jpeg, await OpenAsync(id));
    }

    /// <summary>
    /// A complaint claims the file between the copy and the switch: the switch is made on the
    /// claimed row, and the new blob is tagged claimed, or the lifecycle rule would delete it.
    /// </summary>
    [Fact]
    public async Task Switch_AfterAClaimMeanwhile_TheSealedBlobIsTaggedClaimed()
    {
        var id = await StoreFirstShapeAsync(Evidence.JpegWithGps, "image/jpeg");
        var steps = Steps();
        var reserved = (await steps.ReserveAsync(await RowAsync(id), CancellationToken.None))!;
        var file = (await steps.WriteAsync(reserved, CancellationToken.None))!;
        Assert.Equal("no", (await Container.GetBlobClient(reserved.PendingBlob!).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);

        Assert.True(await Store.ConfirmAsync(id, FakeCase, CancellationToken.None));
        var switched = await steps.SwitchAsync(reserved, file, CancellationToken.None);

        Assert.NotNull(switched);
        Assert.Equal(FakeCase, switched.ComplaintId);
        Assert.Equal("yes", (await Container.GetBlobClient(switched.FileBlob()).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        Assert.True(await steps.RetireAsync(switched, CancellationToken.None));
        await AssertSealedAndCleanAsync(id);
    }

    /// <summary>A claim made after the switch tags the blob the row reads now.</summary>
    [Fact]
    public async Task Confirm_AfterTheFileWasSealed_TagsTheSealedBlob()
    {
        var id = await StoreFirstShapeAsync(Evidence.Jpeg, "image/jpeg");
        var steps = Steps();
        var reserved = (await steps.ReserveAsync(await RowAsync(id), CancellationToken.None))!;
        var switched = (await steps.SwitchAsync(reserved, (await steps.WriteAsync(reserved, CancellationToken.None))!, CancellationToken.None))!;
        await steps.RetireAsync(switched, CancellationToken.None);
        Assert.Equal("no", (await Container.GetBlobClient(switched.FileBlob()).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);

        Assert.True(await Store.ConfirmAsync(id, FakeCase, CancellationToken.None));

        Assert.Equal("yes", (await Container.GetBlobClient(switched.FileBlob()).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        Assert.Equal(FakeCase, (await RowAsync(id)).ComplaintId);
    }

    /// <summary>Intake reads a file's row, then claims it: a reservation in between does not make the file look taken.</summary>
    [Fact]
    public async Task Claim_WithTheRowAsReadBeforeAReservation_StillClaimsTheFile()
    {
        var id = await StoreFirstShapeAsync(Evidence.Jpeg, "image/jpeg");
        var readByIntake = await RowAsync(id);
        Assert.NotNull(await Steps().ReserveAsync(readByIntake, CancellationToken.None));

        Assert.True(await Store.ClaimAsync(readByIntake, FakeCase, CancellationToken.None));

        var row = await RowAsync(id);
        Assert.Equal(FakeCase, row.ComplaintId);
        Assert.NotNull(row.PendingBlob);
    }

    /// <summary>Staff open a file whose row was read just before the switch and the old blob's deletion.</summary>
    [Fact]
    public async Task Open_FileSealedAfterItsRowWasRead_OpensTheSealedBlob()
    {
        var id = await StoreFirstShapeAsync(Evidence.JpegWithGps, "image/jpeg", FakeCase);
        var evidence = (await Store.EvidenceOfAsync(id, FakeCase, CancellationToken.None))!;

        await Job().SealAsync(CancellationToken.None);
        await using var opened = await Store.OpenAsync(evidence, CancellationToken.None);
        using var copy = new MemoryStream();
        await opened.CopyToAsync(copy, CancellationToken.None);

        Assert.DoesNotContain("GPS", MetadataProbe.Directories(copy.ToArray()));
        Assert.Equal((await RowAsync(id)).Sha256, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
    }

    /// <summary>What an earlier version wrote: the file as sent, typed, in a blob named by its id, and a row without a key.</summary>
    private async Task<string> StoreFirstShapeAsync(byte[] content, string contentType, string complaintId = "")
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await Container.GetBlobClient(id).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Tags = new Dictionary<string, string> { [AttachmentStore.ClaimedTag] = complaintId.Length > 0 ? "yes" : "no" },
            });
        await Table.AddEntityAsync(new TableEntity(AttachmentEntity.PartitionOf(id), id)
        {
            ["ContentType"] = contentType,
            ["Size"] = (long)content.Length,
            ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
            ["UploadedAt"] = _clock.Now,
            ["ComplaintId"] = complaintId,
        });
        return id;
    }

    /// <summary>First-shape files claimed by a complaint sent through the app (which tags their blobs claimed).</summary>
    private async Task<(string ComplaintId, string[] Ids)> FirstShapeCaseAsync(params (byte[] Content, string ContentType)[] files)
    {
        var ids = new List<string>();
        foreach (var (content, contentType) in files)
        {
            ids.Add(await StoreFirstShapeAsync(content, contentType));
        }

        var submitted = await _app.PostJsonAsync("api/complaints", new { category = "other", province = "TH-10", agency = "สำนักงานเขตบางรัก", description = "หลักฐานที่แนบไว้ก่อนระบบปิดผนึกไฟล์ ต้องถูกล้างข้อมูลแฝงและปิดผนึก", anonymous = true, attachmentIds = ids });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await ReporterLookups.RegisteredAsync(_app.Client, code, TimeSpan.FromSeconds(15));
        var complaintId = Assert.Single(await _app.ComplaintsWithCodeAsync(code)).ComplaintId;
        foreach (var id in ids)
        {
            Assert.Equal("yes", (await Container.GetBlobClient(id).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        }

        return (complaintId, ids.ToArray());
    }

    private async Task<AttachmentEntity> RowAsync(string id) => (await Store.FindAsync(id, CancellationToken.None))!;

    private async Task<byte[]> DownloadAsync(string complaintId, string attachmentId)
    {
        using var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{complaintId}/attachments/{attachmentId}", null, StaffRoles.ComplaintsRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The file as staff would get it, through the store's read path.</summary>
    private async Task<byte[]> OpenAsync(string id)
    {
        var evidence = (await Store.EvidenceOfAsync(id, FakeCase, CancellationToken.None))!;
        await using var opened = await Store.OpenAsync(evidence, CancellationToken.None);
        using var copy = new MemoryStream();
        await opened.CopyToAsync(copy, CancellationToken.None);
        return copy.ToArray();
    }

    /// <summary>Sealed, clean, nothing left named but the row's file, and that file claimed.</summary>
    private async Task AssertSealedAndCleanAsync(string id)
    {
        var row = await RowAsync(id);
        Assert.NotNull(row.SealedKey);
        Assert.Null(row.PendingBlob);
        Assert.Null(row.RetiredBlob);
        Assert.False((await Container.GetBlobClient(id).ExistsAsync()).Value, "the first blob is still there");
        Assert.Equal("yes", (await Container.GetBlobClient(row.FileBlob()).GetTagsAsync()).Value.Tags[AttachmentStore.ClaimedTag]);
        var opened = await OpenAsync(id);
        Assert.DoesNotContain("GPS", MetadataProbe.Directories(opened));
        Assert.Equal((opened.LongLength, Convert.ToHexStringLower(SHA256.HashData(opened))), (row.Size, row.Sha256));
    }

    private async Task AssertEveryBlobSinceIsARowsFileAsync(DateTimeOffset since)
    {
        var files = new HashSet<string>();
        var created = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, CancellationToken.None))
        {
            if (item.Properties.CreatedOn >= since)
            {
                created.Add(item.Name);
            }
        }

        await foreach (var row in Table.QueryAsync<AttachmentEntity>())
        {
            files.Add(row.FileBlob());
        }

        Assert.All(created, name => Assert.Contains(name, files));
    }
}
