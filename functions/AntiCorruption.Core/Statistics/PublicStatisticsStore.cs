using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Statistics;

/// <summary>
/// The compiled public figures, one blob a year: <c>summaries/public/fy{N}.json</c>, written
/// whole by the summary compile and read as they are by the public routes, which never count
/// anything themselves. The staff listing of summaries reads only <c>fy*/</c>, so these blobs
/// are not among its files.
/// </summary>
public sealed class PublicStatisticsStore(StorageAccount storage, TimeProvider time)
{
    private const string Prefix = "public/";

    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);

    public static string BlobName(FiscalYear year) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}fy{year.BuddhistYear}.json");

    public async Task WriteAsync(YearStatistics statistics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var blob = _container.GetBlobClient(BlobName(new FiscalYear(statistics.FiscalYear)));
        await blob.UploadAsync(
            BinaryData.FromObjectAsJson(statistics with { AvailableYears = null }, JsonDefaults.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);
    }

    /// <summary>One year's figures as compiled, or null when that year has none.</summary>
    public async Task<YearStatistics?> ReadAsync(FiscalYear year, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobName(year)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<YearStatistics>(JsonDefaults.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every year with published figures, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken)
    {
        var years = new List<int>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
        {
            var name = blob.Name[Prefix.Length..];
            if (name.StartsWith("fy", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
                && FiscalYear.TryParse(name[2..^".json".Length], out var year) && BlobName(year) == blob.Name)
            {
                years.Add(year.BuddhistYear);
            }
        }

        return [.. years.OrderDescending()];
    }

    /// <summary>
    /// What a public route shows for its <c>fiscalYear</c> parameter: that year, or, when the
    /// parameter is absent, the current fiscal year if it has figures, else the newest year
    /// before it that has.
    /// </summary>
    public async Task<StatisticsLookup> FindAsync(string? fiscalYear, CancellationToken cancellationToken)
    {
        FiscalYear? asked = null;
        if (fiscalYear is not null)
        {
            if (!FiscalYear.TryParse(fiscalYear, out var parsed))
            {
                return new(StatisticsOutcome.BadYear, null, null, []);
            }

            asked = parsed;
        }

        var years = await YearsAsync(cancellationToken);
        var current = FiscalYear.Of(time.GetUtcNow()).BuddhistYear;
        var chosen = asked?.BuddhistYear ?? years.Where(y => y <= current).Cast<int?>().FirstOrDefault() ?? years.Cast<int?>().FirstOrDefault();
        var statistics = chosen is { } y && years.Contains(y) ? await ReadAsync(new FiscalYear(y), cancellationToken) : null;
        return statistics is null
            ? new(years.Count == 0 && asked is null ? StatisticsOutcome.NothingPublished : StatisticsOutcome.NotCompiled, chosen, null, years)
            : new(StatisticsOutcome.Found, chosen, statistics with { AvailableYears = years }, years);
    }
}

public enum StatisticsOutcome
{
    Found,
    BadYear,
    NotCompiled,
    NothingPublished,
}

/// <summary>The answer to a public request for one year's figures, and the years there are.</summary>
public sealed record StatisticsLookup(StatisticsOutcome Outcome, int? FiscalYear, YearStatistics? Statistics, IReadOnlyList<int> Years);
