using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
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
/// region's complaints.csv as they arrive (<see cref="SummaryCsvWriter"/>), while the counts of
/// both accumulate; nothing holds the year's rows at once, so memory stays flat as the year grows
/// (eleven sets of counts bounded by the reference data, eleven open uploads of a few blocks each,
/// and one day's rows). The same data gives the same bytes apart from the generation time.
/// <para>
/// A complaint leaves in the CSV by its reference and its dates only; why, and what stays in the
/// staff answers instead: <see cref="SummaryCsvWriter"/>.
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
    private readonly SummaryCsvWriter _csv = new(storage, complaints, registrations, workshops, catalog, references);

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

        await _csv.WriteComplaintsCsvAsync(year, national, regions, published, generatedAt, cancellationToken);
        await _csv.WriteRegistrationsCsvAsync(year, national, regions, generatedAt, cancellationToken);

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

    /// <summary>Writes one file as staged blocks committed at the end (it appears whole, or the old one stays) and records its hash.</summary>
    private async Task WriteAsync(FiscalYear year, SummaryScope scope, string file, DateTimeOffset generatedAt, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        await using var upload = new SummaryUpload(_container, scope.BlobName(year, file)!, file);
        await write(upload.Stream);
        await upload.CompleteAsync(generatedAt, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled fiscal year {FiscalYear}: {Complaints} complaints, {Registrations} registrations")]
    private static partial void LogCompiled(ILogger logger, int fiscalYear, long complaints, long registrations);
}
