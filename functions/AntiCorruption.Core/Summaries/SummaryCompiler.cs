using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Exports;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// Compiles a fiscal year into its five files. Complaints are read newest first from that year's
/// partitions only and written to complaints.csv as they arrive, while the counts accumulate;
/// nothing holds the year's rows at once, so memory stays flat as the year grows. The same data
/// gives the same bytes apart from the generation time.
/// </summary>
public sealed partial class SummaryCompiler(
    StorageAccount storage,
    IFiscalYearComplaints complaints,
    RegistrationDesk registrations,
    ReferenceCatalog catalog,
    HotspotScan hotspots,
    EventOutbox outbox,
    TimeProvider time,
    ILogger<SummaryCompiler> logger)
{
    public static readonly string[] ComplaintColumns =
        ["รหัสเรื่อง", "วันเวลาที่รับเรื่อง", "ปีงบประมาณ", "เขต", "รหัสจังหวัด", "จังหวัด", "ประเภท", "สถานะ", "ช่องทาง", "หน่วยงาน", "ไม่เปิดเผยตัวตน", "วันที่รับเรื่องไว้ดำเนินการ", "วันที่ยุติเรื่อง", "จำนวนไฟล์แนบ", "มูลค่า (บาท)"];

    public static readonly string[] RegistrationColumns =
        ["รหัสการอบรม", "ชื่อการอบรม", "จังหวัดที่จัด", "วันที่อบรม", "จังหวัดของผู้ลงทะเบียน", "สถานะ", "วันเวลาที่ลงทะเบียน", "วันเวลาที่เช็กอิน"];

    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);
    private readonly TableClient _workshops = storage.Table(StorageNames.WorkshopsTable);

    public async Task<FiscalYearSummary> CompileAsync(FiscalYear year, CancellationToken cancellationToken)
    {
        var generatedAt = time.GetUtcNow();
        var statistics = new ComplaintStatistics(generatedAt);
        await WriteAsync(year, SummaryFiles.ComplaintsCsv, generatedAt, stream => WriteComplaintsAsync(year, statistics, stream, cancellationToken), cancellationToken);
        var workshopSummaries = new List<WorkshopRegistrationSummary>();
        await WriteAsync(year, SummaryFiles.RegistrationsCsv, generatedAt, stream => WriteRegistrationsAsync(year, workshopSummaries, stream, cancellationToken), cancellationToken);

        var summary = new FiscalYearSummary(
            year.BuddhistYear,
            new SummaryPeriod(year.Period.From, year.Period.To),
            generatedAt,
            new ComplaintSummary(
                statistics.Total,
                statistics.ByRegion.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
                statistics.ByProvince,
                statistics.ByCategory,
                statistics.ByStatus,
                statistics.ByChannel,
                statistics.ByMonth,
                statistics.Share(statistics.Anonymous),
                statistics.AcknowledgedWithin7DaysShare(),
                statistics.AcknowledgedWithin7DaysBase,
                statistics.MedianDaysToClose()),
            new RegistrationSummary(workshopSummaries.Sum(w => (long)w.Confirmed + w.Waitlisted + w.Cancelled), workshopSummaries),
            catalog.PilotProvincesOf(year.BuddhistYear)
                .Select(p => new PilotProvinceSummary(p.Code, catalog.FindProvince(p.Code)!.NameTh, catalog.FindProvince(p.Code)!.NameEn, p.Region))
                .ToArray(),
            await hotspots.ListAsync(year, cancellationToken));

        await WriteAsync(year, SummaryFiles.Json, generatedAt, stream => JsonSerializer.SerializeAsync(stream, summary, JsonDefaults.Options, cancellationToken), cancellationToken);
        // The workbook is a zip whose writer wants a seekable stream; it holds only the summary tables, so it is built in memory.
        await WriteAsync(year, SummaryFiles.Xlsx, generatedAt, async stream =>
        {
            using var workbook = new MemoryStream();
            await SummaryWorkbook.WriteAsync(summary, catalog, workbook, cancellationToken);
            workbook.Position = 0;
            await workbook.CopyToAsync(stream, cancellationToken);
        }, cancellationToken);
        await WriteAsync(year, SummaryFiles.Html, generatedAt, stream => SummaryReport.WriteAsync(summary, catalog, stream, cancellationToken), cancellationToken);
        await outbox.AddAsync(
            IntegrationEvent.Create(EventTypes.SummaryPublished, $"fy{year.BuddhistYear}", $"{year.BuddhistYear}|{generatedAt.UtcTicks}", generatedAt, new Dictionary<string, object?>
            {
                ["fiscalYear"] = year.BuddhistYear,
                ["generatedAt"] = generatedAt,
                ["complaints"] = statistics.Total,
                ["registrations"] = summary.Registrations.Total,
            }),
            cancellationToken);
        LogCompiled(logger, year.BuddhistYear, statistics.Total, summary.Registrations.Total);
        return summary;
    }

    private async Task WriteComplaintsAsync(FiscalYear year, ComplaintStatistics statistics, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = CsvWriter(stream);
        await writer.WriteAsync(CsvLine(ComplaintColumns));
        await foreach (var c in complaints.StreamYearAsync(year, cancellationToken))
        {
            statistics.Add(c);
            await writer.WriteAsync(CsvLine(
            [
                c.ComplaintId,
                BangkokTime(c.ReceivedAt),
                c.FiscalYear.ToString(CultureInfo.InvariantCulture),
                c.Region.ToString(CultureInfo.InvariantCulture),
                c.Province,
                catalog.FindProvince(c.Province)?.NameTh,
                catalog.FindCategory(c.Category)?.NameTh ?? c.Category,
                c.Status,
                c.Channel,
                c.Agency,
                c.Anonymous ? "ใช่" : "ไม่ใช่",
                c.AcknowledgedAt is null ? "" : BangkokTime(c.AcknowledgedAt.Value),
                c.ClosedAt is null ? "" : BangkokTime(c.ClosedAt.Value),
                c.AttachmentCount.ToString(CultureInfo.InvariantCulture),
                c.AmountThb?.ToString("0.##", CultureInfo.InvariantCulture),
            ]));
        }
    }

    private async Task WriteRegistrationsAsync(FiscalYear year, List<WorkshopRegistrationSummary> summaries, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = CsvWriter(stream);
        await writer.WriteAsync(CsvLine(RegistrationColumns));
        var workshops = new List<WorkshopEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkshopEntity.Partition} and FiscalYear eq {year.BuddhistYear}");
        await foreach (var workshop in _workshops.QueryAsync<WorkshopEntity>(filter, cancellationToken: cancellationToken))
        {
            workshops.Add(workshop);
        }

        foreach (var workshop in workshops.OrderBy(w => w.StartsAt).ThenBy(w => w.RowKey, StringComparer.Ordinal))
        {
            int confirmed = 0, waitlisted = 0, cancelled = 0, checkedIn = 0;
            foreach (var r in await registrations.AllAsync(workshop.RowKey, cancellationToken))
            {
                _ = r.Status switch
                {
                    "confirmed" => confirmed++,
                    "waitlisted" => waitlisted++,
                    "cancelled" => cancelled++,
                    "checked_in" => checkedIn++,
                    _ => 0,
                };
                await writer.WriteAsync(CsvLine(
                [
                    workshop.RowKey, workshop.Title, catalog.FindProvince(workshop.Province)?.NameTh, BangkokTime(workshop.StartsAt),
                    catalog.FindProvince(r.Province)?.NameTh ?? r.Province, r.Status, BangkokTime(r.CreatedAt),
                    r.CheckedInAt is null ? "" : BangkokTime(r.CheckedInAt.Value),
                ]));
            }

            // Seats taken include those already checked in.
            var seated = confirmed + checkedIn;
            summaries.Add(new WorkshopRegistrationSummary(
                workshop.RowKey, workshop.Title, workshop.Province, workshop.StartsAt, workshop.Capacity,
                seated, waitlisted, cancelled, checkedIn, seated == 0 ? 0 : Math.Round((double)checkedIn / seated, 4)));
        }
    }

    /// <summary>Writes one file as staged blocks committed at the end (it appears whole, or the old one stays) and records its hash.</summary>
    private async Task WriteAsync(FiscalYear year, string file, DateTimeOffset generatedAt, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlockBlobClient(SummaryFiles.BlobName(year, file));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var upload = new BlockUploadStream(blob, SummaryFiles.ContentTypes[file]);
        await using (var hashing = new HashingStream(upload, hash))
        {
            await write(hashing);
        }

        // The hash and time are committed with the content, so a listing never pairs old and new.
        await upload.CompleteAsync(
            new Dictionary<string, string>
            {
                ["sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()),
                ["generatedAt"] = generatedAt.ToString("O", CultureInfo.InvariantCulture),
            },
            cancellationToken);
    }

    private static StreamWriter CsvWriter(Stream stream) => new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);

    private static string CsvLine(IEnumerable<string?> cells) => string.Join(',', cells.Select(SpreadsheetSafe.CsvField)) + "\r\n";

    private static string BangkokTime(DateTimeOffset instant) => Bangkok.ToBangkok(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled fiscal year {FiscalYear}: {Complaints} complaints, {Registrations} registrations")]
    private static partial void LogCompiled(ILogger logger, int fiscalYear, long complaints, long registrations);
}
