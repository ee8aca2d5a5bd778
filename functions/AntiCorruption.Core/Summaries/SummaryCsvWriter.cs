using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Exports;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// The two CSVs of a compile (<see cref="SummaryCompiler"/>), complaints.csv and
/// registrations.csv, for the nation and every region at once: each is read once and every row
/// goes to the national file and to its own region's, while the scopes' counts accumulate. Rows
/// go out as they are read, so nothing holds the year's rows at once.
/// <para>
/// A complaint leaves in the CSV by its reference and its dates only: an agency that reads its
/// own rows next to its proxy logs must not find the reporter by the time. The complaint id (a
/// ULID, its time to the millisecond) and every time of day stay in the staff answers.
/// </para>
/// </summary>
internal sealed class SummaryCsvWriter(
    StorageAccount storage,
    IFiscalYearComplaints complaints,
    RegistrationLookup registrations,
    WorkshopCatalog workshops,
    ReferenceCatalog catalog,
    ComplaintReferences references)
{
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);

    /// <summary>
    /// A region's CSVs hold a tenth of the country's rows, and ten of them are open at once: smaller
    /// blocks keep the compile's memory near what one national file took.
    /// </summary>
    private const int RegionBlockSize = 1024 * 1024;

    /// <summary>Writes the year's complaints.csv for every scope, counting each row into its scopes and the public figures.</summary>
    public Task WriteComplaintsCsvAsync(FiscalYear year, ScopeOutput national, Dictionary<int, ScopeOutput> regions, PublicStatisticsBuilder published, DateTimeOffset generatedAt, CancellationToken cancellationToken) =>
        WriteCsvsAsync(year, [national, .. regions.Values], SummaryFiles.ComplaintsCsv, SummaryCompiler.ComplaintColumns, generatedAt, writers => WriteComplaintsAsync(year, national, regions, published, writers, cancellationToken), cancellationToken);

    /// <summary>Writes the year's registrations.csv for every scope, and each workshop's seat figures into its scopes.</summary>
    public Task WriteRegistrationsCsvAsync(FiscalYear year, ScopeOutput national, Dictionary<int, ScopeOutput> regions, DateTimeOffset generatedAt, CancellationToken cancellationToken) =>
        WriteCsvsAsync(year, [national, .. regions.Values], SummaryFiles.RegistrationsCsv, SummaryCompiler.RegistrationColumns, generatedAt, writers => WriteRegistrationsAsync(year, national, regions, writers, cancellationToken), cancellationToken);

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

    private static StreamWriter CsvWriter(Stream stream) => new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);

    private static string CsvLine(IEnumerable<string?> cells) => string.Join(',', cells.Select(SpreadsheetSafe.CsvField)) + "\r\n";

    private static string BangkokTime(DateTimeOffset instant) => Bangkok.ToBangkok(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A complaint's times leave as the Bangkok calendar date alone.</summary>
    private static string BangkokDate(DateTimeOffset instant) => Bangkok.DateOf(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The CSV rows of the complaints received on one Bangkok date (none before the first row).</summary>
    private sealed record ComplaintDay(DateOnly? Date = null)
    {
        public List<(string Reference, int Region, string Line)> Rows { get; } = [];
    }
}
