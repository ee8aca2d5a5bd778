using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// The published summaries: what exists, the blob of one file, and compile requests. Every
/// compile goes through the <c>summary-compiles</c> queue and holds a blob lease on its fiscal
/// year while it runs, so one year is never compiled twice at once; a request that finds the
/// year busy is put back on the queue for a few seconds later.
/// </summary>
public sealed partial class SummaryArchive(StorageAccount storage, SummaryCompiler compiler, AuditLog audit, TimeProvider time, ILogger<SummaryArchive> logger)
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryBusyAfter = TimeSpan.FromSeconds(5);
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);
    private readonly QueueClient _queue = storage.Queue(StorageNames.SummaryCompilesQueue);

    public Task RequestCompileAsync(FiscalYear year, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(new { fiscalYear = year.BuddhistYear }), cancellationToken);

    /// <summary>A staff member's compile request: recorded in the audit trail (no one region: it compiles every scope), then queued.</summary>
    public async Task RequestCompileAsync(StaffMember staff, FiscalYear year, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(staff, new AuditEntry(AuditActions.SummaryCompile, null, Target: $"fy{year.BuddhistYear}"), cancellationToken);
        await RequestCompileAsync(year, cancellationToken);
    }

    /// <summary>The years the schedule compiles: the current one, and the previous one during October.</summary>
    public IReadOnlyList<FiscalYear> ScheduledYears() => ScheduledYears(time.GetUtcNow());

    public static IReadOnlyList<FiscalYear> ScheduledYears(DateTimeOffset now)
    {
        var current = FiscalYear.Of(now);
        return Bangkok.ToBangkok(now).Month == 10 ? [current, current.Previous] : [current];
    }

    /// <summary>The queue step: compiles unless a compile of the same year holds the lease.</summary>
    public async Task CompileQueuedAsync(string message, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(message);
        var year = new FiscalYear(document.RootElement.GetProperty("fiscalYear").GetInt32());
        var lockBlob = _container.GetBlobClient($"fy{year.BuddhistYear}/.compile-lock");
        try
        {
            await lockBlob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
        }

        var lease = lockBlob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseLength, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // The running compile may have read its data before this request was made: ask again
            // a little later rather than drop the request.
            await _queue.SendMessageAsync(message, visibilityTimeout: RetryBusyAfter, cancellationToken: cancellationToken);
            LogAlreadyRunning(logger, year.BuddhistYear);
            return;
        }

        using var compiling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(lease, compiling.Token);
        try
        {
            await compiler.CompileAsync(year, cancellationToken);
        }
        finally
        {
            await compiling.CancelAsync();
            await renewing;
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>
    /// The compiled years of every scope the staff member may see, newest year first, national
    /// before the regions: the national files for head office, each covered region's own files.
    /// </summary>
    public async Task<IReadOnlyList<SummaryListing>> ListAsync(StaffScope staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var files = new Dictionary<(int Year, SummaryScope Scope), List<(SummaryFileInfo File, DateTimeOffset? GeneratedAt)>>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = "fy" }, cancellationToken))
        {
            if (!SummaryScope.TryParseBlob(blob.Name, out var fy, out var scope, out var file) || !scope.IsVisibleTo(staff))
            {
                continue;
            }

            var generated = blob.Metadata.TryGetValue("generatedAt", out var g) && DateTimeOffset.TryParse(g, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : (DateTimeOffset?)null;
            var info = new SummaryFileInfo(file, blob.Properties.ContentLength ?? 0, SummaryFiles.ContentTypes[file], blob.Metadata.TryGetValue("sha256", out var sha) ? sha : "");
            if (!files.TryGetValue((fy.BuddhistYear, scope), out var list))
            {
                files[(fy.BuddhistYear, scope)] = list = [];
            }

            list.Add((info, generated));
        }

        return files.OrderByDescending(f => f.Key.Year).ThenBy(f => f.Key.Scope.Region ?? -1)
            .Select(f => new SummaryListing(f.Key.Year, f.Key.Scope.Name, f.Value.Max(v => v.GeneratedAt), f.Value.Select(v => v.File).OrderBy(v => v.Name, StringComparer.Ordinal).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// A staff member's download of one file of a scope (<paramref name="region"/> null for the
    /// national files): null, as for a file that does not exist, when the name is not one of the
    /// five, the year is not compiled, or the scope is not the staff member's (the national files
    /// are head office's). Audited before the blob is handed over.
    /// </summary>
    public async Task<BlobClient?> OpenAsync(StaffMember staff, string fiscalYear, string? region, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var scope = SummaryScope.National;
        if ((region is not null && !SummaryScope.TryParseRegion(region, out scope)) || !scope.IsVisibleTo(staff.Scope)
            || await FindAsync(fiscalYear, scope, file, cancellationToken) is not { } blob)
        {
            return null;
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.SummaryDownload, scope.Region, Target: blob.Name), cancellationToken);
        return blob;
    }

    private async Task<BlobClient?> FindAsync(string fiscalYear, SummaryScope scope, string file, CancellationToken cancellationToken)
    {
        if (!FiscalYear.TryParse(fiscalYear, out var year) || scope.BlobName(year, file) is not { } name)
        {
            return null;
        }

        var blob = _container.GetBlobClient(name);
        return (await blob.ExistsAsync(cancellationToken)).Value ? blob : null;
    }

    private static async Task RenewAsync(BlobLeaseClient lease, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(LeaseLength / 3, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stop.IsCancellationRequested)
            {
                await lease.RenewAsync(cancellationToken: CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A compile of fiscal year {FiscalYear} is already running; this request will run after it")]
    private static partial void LogAlreadyRunning(ILogger logger, int fiscalYear);
}
