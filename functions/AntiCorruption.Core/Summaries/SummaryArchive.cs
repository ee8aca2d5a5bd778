using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using AntiCorruption.Core.Json;
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
public sealed partial class SummaryArchive(StorageAccount storage, SummaryCompiler compiler, TimeProvider time, ILogger<SummaryArchive> logger)
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryBusyAfter = TimeSpan.FromSeconds(5);
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);
    private readonly QueueClient _queue = storage.Queue(StorageNames.SummaryCompilesQueue);

    public Task RequestCompileAsync(FiscalYear year, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(new { fiscalYear = year.BuddhistYear }), cancellationToken);

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

    public async Task<IReadOnlyList<SummaryListing>> ListAsync(CancellationToken cancellationToken)
    {
        var files = new Dictionary<int, List<(SummaryFileInfo File, DateTimeOffset? GeneratedAt)>>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = "fy" }, cancellationToken))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length != 2 || !parts[0].StartsWith("fy", StringComparison.Ordinal) || !FiscalYear.TryParse(parts[0][2..], out var fy)
                || SummaryFiles.BlobName(fy, parts[1]) is null)
            {
                continue;
            }

            var year = fy.BuddhistYear;

            var generated = blob.Metadata.TryGetValue("generatedAt", out var g) && DateTimeOffset.TryParse(g, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : (DateTimeOffset?)null;
            var info = new SummaryFileInfo(parts[1], blob.Properties.ContentLength ?? 0, SummaryFiles.ContentTypes[parts[1]], (blob.Metadata.TryGetValue("sha256", out var sha) ? sha : ""));
            if (!files.TryGetValue(year, out var list))
            {
                files[year] = list = [];
            }

            list.Add((info, generated));
        }

        return files.OrderByDescending(f => f.Key)
            .Select(f => new SummaryListing(f.Key, f.Value.Max(v => v.GeneratedAt), f.Value.Select(v => v.File).OrderBy(v => v.Name, StringComparer.Ordinal).ToArray()))
            .ToArray();
    }

    /// <summary>The blob of one of the five files, or null for any other name or a year not compiled.</summary>
    public async Task<BlobClient?> FindAsync(string fiscalYear, string file, CancellationToken cancellationToken)
    {
        if (!FiscalYear.TryParse(fiscalYear, out var year) || SummaryFiles.BlobName(year, file) is not { } name)
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
