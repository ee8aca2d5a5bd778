using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Exports;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// Compiles a fiscal year into its five files, for the nation and for each region. Complaints are
/// read newest first from that year's partitions only, once, and written to the national and the
/// region's complaints.csv as they arrive, while the counts of both accumulate; nothing holds the
/// year's rows at once, so memory stays flat as the year grows (eleven sets of counts bounded by
/// the reference data, eleven open uploads of a few blocks each, and one day's rows: see
/// <see cref="ComplaintDay"/>). The same data gives the same bytes apart from the generation time.
/// <para>
/// A complaint leaves in the CSV by its reference and its dates only: an agency that reads its
/// own rows next to its proxy logs must not find the reporter by the time. The complaint id (a
/// ULID, its time to the millisecond) and every time of day stay in the staff answers.
/// </para>
/// </summary>
public sealed partial class SummaryCompiler(
    StorageAccount storage,
    IFiscalYearComplaints complaints,
    RegistrationLookup registrations,
    WorkshopCatalog workshops,
    ReferenceCatalog catalog,
    HotspotScan hotspots,
    ComplaintReferences references,
    EventOutbox outbox,
    TimeProvider time,
    ILogger<SummaryCompiler> logger,
    PublicStatisticsStore publicStatistics)
{
    public static readonly string[] ComplaintColumns =
        ["รหัสอ้างอิงเรื่อง", "วันที่รับเรื่อง", "ปีงบประมาณ", "เขต", "รหัสจังหวัด", "จังหวัด", "ประเภท", "สถานะ", "ช่องทาง", "หน่วยงาน", "ไม่เปิดเผยตัวตน", "วันที่รับเรื่องไว้ดำเนินการ", "วันที่ยุติเรื่อง", "จำนวนไฟล์แนบ", "มูลค่า (บาท)"];

    public static readonly string[] RegistrationColumns =
        ["รหัสการอบรม", "ชื่อการอบรม", "จังหวัดที่จัด", "วันที่อบรม", "จังหวัดของผู้ลงทะเบียน", "สถานะ", "วันเวลาที่ลงทะเบียน", "วันเวลาที่เช็กอิน"];

    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);

    /// <summary>
    /// A region's CSVs hold a tenth of the country's rows, and ten of them are open at once: smaller
    /// blocks keep the compile's memory near what one national file took.
    /// </summary>
    private const int RegionBlockSize = 1024 * 1024;

    /// <summary>
    /// Compiles the year for every scope at once: the national files under <c>fy{N}/</c> and each
    /// region's under <c>fy{N}/regions/{n}/</c>, from one read of the year's complaints (each row
    /// goes to the national counts and CSV and to those of its own region) and one read of its
    /// workshops' registrations. Returns the national summary.
    /// </summary>
    public async Task<FiscalYearSummary> CompileAsync(FiscalYear year, CancellationToken cancellationToken)
    {
        var generatedAt = time.GetUtcNow();
        var national = new ScopeOutput(SummaryScope.National, new ComplaintStatistics(generatedAt));
        var regions = catalog.Regions.OrderBy(r => r.Id).ToDictionary(r => r.Id, r => new ScopeOutput(SummaryScope.OfRegion(r.Id), new ComplaintStatistics(generatedAt)));
        ScopeOutput[] scopes = [national, .. regions.Values];
        // The public figures count from the same read (whole months only, see the builder).
        var published = new PublicStatisticsBuilder(year, generatedAt, catalog);

        await WriteCsvsAsync(year, scopes, SummaryFiles.ComplaintsCsv, ComplaintColumns, generatedAt, writers => WriteComplaintsAsync(year, national, regions, published, writers, cancellationToken), cancellationToken);
        await WriteCsvsAsync(year, scopes, SummaryFiles.RegistrationsCsv, RegistrationColumns, generatedAt, writers => WriteRegistrationsAsync(year, national, regions, writers, cancellationToken), cancellationToken);

        // Before the summary files, so that once a compile's files are listed its public figures are there too.
        if (published.Build(national.Workshops) is { } statistics)
        {
            await publicStatistics.WriteAsync(statistics, cancellationToken);
        }

        var hotspotRows = await hotspots.ReadYearAsync(year, cancellationToken);
        FiscalYearSummary? nationalSummary = null;
        foreach (var scope in scopes)
        {
            var summary = Summarize(year, generatedAt, scope, scope.Scope.Region is { } r ? HotspotViews.ForRegions(hotspotRows, [r]) : HotspotViews.National(hotspotRows));
            nationalSummary ??= summary;
            await WriteSummaryFilesAsync(year, scope.Scope, summary, generatedAt, cancellationToken);
        }

        await outbox.AddAsync(
            IntegrationEvent.Create(EventTypes.SummaryPublished, $"fy{year.BuddhistYear}", $"{year.BuddhistYear}|{generatedAt.UtcTicks}", generatedAt, new Dictionary<string, object?>
            {
                ["fiscalYear"] = year.BuddhistYear,
                ["generatedAt"] = generatedAt,
                ["complaints"] = national.Statistics.Total,
                ["registrations"] = nationalSummary!.Registrations.Total,
            }),
            cancellationToken);
        LogCompiled(logger, year.BuddhistYear, national.Statistics.Total, nationalSummary.Registrations.Total);
        return nationalSummary;
    }

    /// <summary>The figures of one scope, once its complaints and registrations have been counted.</summary>
    private FiscalYearSummary Summarize(FiscalYear year, DateTimeOffset generatedAt, ScopeOutput output, IReadOnlyList<HotspotRecord> scopeHotspots)
    {
        var statistics = output.Statistics;
        return new FiscalYearSummary(
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
            new RegistrationSummary(output.Workshops.Sum(w => (long)w.Confirmed + w.Waitlisted + w.Cancelled), output.Workshops),
            catalog.PilotProvincesOf(year.BuddhistYear)
                .Where(p => output.Scope.Region is not { } region || p.Region == region)
                .Select(p => new PilotProvinceSummary(p.Code, catalog.FindProvince(p.Code)!.NameTh, catalog.FindProvince(p.Code)!.NameEn, p.Region))
                .ToArray(),
            scopeHotspots,
            output.Scope.Name);
    }

    private async Task WriteSummaryFilesAsync(FiscalYear year, SummaryScope scope, FiscalYearSummary summary, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        await WriteAsync(year, scope, SummaryFiles.Json, generatedAt, stream => JsonSerializer.SerializeAsync(stream, summary, JsonDefaults.Options, cancellationToken), cancellationToken);
        // The workbook is a zip whose writer wants a seekable stream; it holds only the summary tables, so it is built in memory.
        await WriteAsync(year, scope, SummaryFiles.Xlsx, generatedAt, async stream =>
        {
            using var workbook = new MemoryStream();
            await SummaryWorkbook.WriteAsync(summary, catalog, workbook, cancellationToken);
            workbook.Position = 0;
            await workbook.CopyToAsync(stream, cancellationToken);
        }, cancellationToken);
        await WriteAsync(year, scope, SummaryFiles.Html, generatedAt, stream => SummaryReport.WriteAsync(summary, catalog, stream, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Streams the year's complaints once: each row counts and is written for the nation and for
    /// its own region. Rows arrive newest first, by the time in their ids; the rows of one Bangkok
    /// day are held until the day is complete and written in the order of their references, so
    /// that not even the order within a day tells which complaint came first.
    /// </summary>
    private async Task WriteComplaintsAsync(FiscalYear year, ScopeOutput national, Dictionary<int, ScopeOutput> regions, PublicStatisticsBuilder published, IReadOnlyDictionary<SummaryScope, StreamWriter> writers, CancellationToken cancellationToken)
    {
        var day = new ComplaintDay();
        await foreach (var c in complaints.StreamYearAsync(year, cancellationToken))
        {
            var date = Bangkok.DateOf(c.ReceivedAt);
            if (date != day.Date)
            {
                await WriteDayAsync(day, national, regions, writers);
                day = new ComplaintDay(date);
            }

            var reference = references.Of(c.ComplaintId);
            day.Rows.Add((reference, c.Region, CsvLine(
            [
                reference,
                BangkokDate(c.ReceivedAt),
                c.FiscalYear.ToString(CultureInfo.InvariantCulture),
                c.Region.ToString(CultureInfo.InvariantCulture),
                c.Province,
                catalog.FindProvince(c.Province)?.NameTh,
                catalog.FindCategory(c.Category)?.NameTh ?? c.Category,
                c.Status,
                c.Channel,
                c.Agency,
                c.Anonymous ? "ใช่" : "ไม่ใช่",
                c.AcknowledgedAt is null ? "" : BangkokDate(c.AcknowledgedAt.Value),
                c.ClosedAt is null ? "" : BangkokDate(c.ClosedAt.Value),
                c.AttachmentCount.ToString(CultureInfo.InvariantCulture),
                c.AmountThb?.ToString("0.##", CultureInfo.InvariantCulture),
            ])));
            national.Statistics.Add(c);
            published.Add(c);
            if (regions.TryGetValue(c.Region, out var region))
            {
                region.Statistics.Add(c);
            }
        }

        await WriteDayAsync(day, national, regions, writers);
    }

    /// <summary>Writes one day's rows, ordered by reference, to the national CSV and each row's region's.</summary>
    private static async Task WriteDayAsync(ComplaintDay day, ScopeOutput national, Dictionary<int, ScopeOutput> regions, IReadOnlyDictionary<SummaryScope, StreamWriter> writers)
    {
        foreach (var (_, regionId, line) in day.Rows.OrderBy(r => r.Reference, StringComparer.Ordinal))
        {
            await writers[national.Scope].WriteAsync(line);
            if (regions.TryGetValue(regionId, out var region))
            {
                await writers[region.Scope].WriteAsync(line);
            }
        }
    }

    /// <summary>Reads the year's workshops and each one's registrations once; a workshop belongs to the region of its province.</summary>
    private async Task WriteRegistrationsAsync(FiscalYear year, ScopeOutput national, Dictionary<int, ScopeOutput> regions, IReadOnlyDictionary<SummaryScope, StreamWriter> writers, CancellationToken cancellationToken)
    {
        foreach (var workshop in await workshops.ListYearAsync(year, cancellationToken))
        {
            var region = regions.GetValueOrDefault(workshops.RegionOf(workshop));
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
                var line = CsvLine(
                [
                    workshop.RowKey, workshop.Title, catalog.FindProvince(workshop.Province)?.NameTh, BangkokTime(workshop.StartsAt),
                    catalog.FindProvince(r.Province)?.NameTh ?? r.Province, r.Status, BangkokTime(r.CreatedAt),
                    r.CheckedInAt is null ? "" : BangkokTime(r.CheckedInAt.Value),
                ]);
                await writers[national.Scope].WriteAsync(line);
                if (region is not null)
                {
                    await writers[region.Scope].WriteAsync(line);
                }
            }

            // Seats taken include those already checked in.
            var seated = confirmed + checkedIn;
            var summary = new WorkshopRegistrationSummary(
                workshop.RowKey, workshop.Title, workshop.Province, workshop.StartsAt, workshop.Capacity,
                seated, waitlisted, cancelled, checkedIn, seated == 0 ? 0 : Math.Round((double)checkedIn / seated, 4));
            national.Workshops.Add(summary);
            region?.Workshops.Add(summary);
        }
    }

    /// <summary>Writes one CSV per scope at once, each with its header row, and commits them all when <paramref name="write"/> is done.</summary>
    private async Task WriteCsvsAsync(
        FiscalYear year, IReadOnlyList<ScopeOutput> scopes, string file, string[] columns, DateTimeOffset generatedAt,
        Func<IReadOnlyDictionary<SummaryScope, StreamWriter>, Task> write, CancellationToken cancellationToken)
    {
        var uploads = new List<SummaryUpload>();
        var writers = new Dictionary<SummaryScope, StreamWriter>();
        try
        {
            foreach (var scope in scopes)
            {
                var upload = new SummaryUpload(_container, scope.Scope.BlobName(year, file)!, file, scope.Scope.Region is null ? BlockUploadStream.DefaultBlockSize : RegionBlockSize);
                uploads.Add(upload);
                var writer = CsvWriter(upload.Stream);
                writers[scope.Scope] = writer;
                await writer.WriteAsync(CsvLine(columns));
            }

            await write(writers);
            foreach (var (writer, upload) in writers.Values.Zip(uploads))
            {
                await writer.FlushAsync(cancellationToken);
                await upload.CompleteAsync(generatedAt, cancellationToken);
            }
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                await writer.DisposeAsync();
            }

            foreach (var upload in uploads)
            {
                await upload.DisposeAsync();
            }
        }
    }

    /// <summary>Writes one file as staged blocks committed at the end (it appears whole, or the old one stays) and records its hash.</summary>
    private async Task WriteAsync(FiscalYear year, SummaryScope scope, string file, DateTimeOffset generatedAt, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        await using var upload = new SummaryUpload(_container, scope.BlobName(year, file)!, file);
        await write(upload.Stream);
        await upload.CompleteAsync(generatedAt, cancellationToken);
    }

    private static StreamWriter CsvWriter(Stream stream) => new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);

    private static string CsvLine(IEnumerable<string?> cells) => string.Join(',', cells.Select(SpreadsheetSafe.CsvField)) + "\r\n";

    private static string BangkokTime(DateTimeOffset instant) => Bangkok.ToBangkok(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A complaint's times leave as the Bangkok calendar date alone.</summary>
    private static string BangkokDate(DateTimeOffset instant) => Bangkok.DateOf(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled fiscal year {FiscalYear}: {Complaints} complaints, {Registrations} registrations")]
    private static partial void LogCompiled(ILogger logger, int fiscalYear, long complaints, long registrations);

    /// <summary>The CSV rows of the complaints received on one Bangkok date (none before the first row).</summary>
    private sealed record ComplaintDay(DateOnly? Date = null)
    {
        public List<(string Reference, int Region, string Line)> Rows { get; } = [];
    }

    /// <summary>What one scope collects while the year is read: its counts, and its workshops' seat figures.</summary>
    private sealed record ScopeOutput(SummaryScope Scope, ComplaintStatistics Statistics)
    {
        public List<WorkshopRegistrationSummary> Workshops { get; } = [];
    }
}
