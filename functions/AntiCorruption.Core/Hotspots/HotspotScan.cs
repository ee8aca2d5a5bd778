using System.Globalization;
using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Hotspots;

/// <summary>
/// The daily look for rising complaints, per normalised agency and per province. Hotspots are
/// kept in table <c>hotspots</c> (PartitionKey the fiscal year, RowKey kind and key) and each
/// one found is published as <c>HotspotDetected</c> once a day.
/// </summary>
public sealed partial class HotspotScan(StorageAccount storage, ComplaintStore complaints, ReferenceCatalog catalog, EventOutbox outbox, TimeProvider time, ILogger<HotspotScan> logger)
{
    private readonly TableClient _table = storage.Table(StorageNames.HotspotsTable);

    /// <summary>
    /// Looks for hotspots twice over. Nationally, per agency and per province, as head office sees
    /// them. And per region, per agency, among that region's complaints alone: an agency is named
    /// in every region (a department with offices everywhere), so a national agency count mixes
    /// regions, and showing it to a regional officer would tell them how many complaints other
    /// regions have. A regional agency hotspot is found, counted and shown with the region's own
    /// complaints only. Province hotspots need no second pass: a province lies in one region, so
    /// its counts are that region's already.
    /// </summary>
    public async Task<IReadOnlyList<Hotspot>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-(HotspotDetector.RecentDays + HotspotDetector.BaselineDays));
        var agencies = new List<(int Region, (string, string, DateTimeOffset) Key)>();
        var provinces = new List<(string, string, DateTimeOffset)>();
        foreach (var year in new[] { FiscalYear.Of(since), FiscalYear.Of(now) }.Distinct())
        {
            await foreach (var c in complaints.ScanAsync(year, TableClient.CreateQueryFilter($"ReceivedAt ge {since}"), cancellationToken))
            {
                agencies.Add((c.Region, (AgencyNames.Normalize(c.Agency), c.Agency, c.ReceivedAt)));
                provinces.Add((c.Province, catalog.FindProvince(c.Province)?.NameTh ?? c.Province, c.ReceivedAt));
            }
        }

        var found = HotspotDetector.Detect("agency", agencies.Select(a => a.Key), now)
            .Concat(HotspotDetector.Detect("province", provinces, now).Select(h => h with { Region = catalog.FindProvince(h.Key)?.PaccRegion }))
            .Concat(agencies.GroupBy(a => a.Region).OrderBy(g => g.Key)
                .SelectMany(region => HotspotDetector.Detect("agency", region.Select(a => a.Key), now).Select(h => h with { Region = region.Key, Regional = true })))
            .ToArray();
        var fiscalYear = FiscalYear.Of(now).BuddhistYear.ToString(CultureInfo.InvariantCulture);
        var day = Bangkok.DateOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var hotspot in found)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hotspot.Key)))[..16];
            // National rows keep the key they always had; a region's own rows are apart under region-{n}.
            var rowKey = hotspot.Regional ? $"region-{hotspot.Region}:{hotspot.Kind}:{hash}" : $"{hotspot.Kind}:{hash}";
            await _table.UpsertEntityAsync(
                new TableEntity(fiscalYear, rowKey)
                {
                    ["Kind"] = hotspot.Kind,
                    ["Key"] = hotspot.Key,
                    ["Label"] = hotspot.Label,
                    ["Recent"] = hotspot.Recent,
                    ["Baseline"] = hotspot.Baseline,
                    ["Expected"] = hotspot.Expected,
                    ["PValue"] = hotspot.PValue,
                    ["DetectedAt"] = now,
                    ["Region"] = hotspot.Region,
                    ["Regional"] = hotspot.Regional,
                },
                TableUpdateMode.Replace,
                cancellationToken);
            await outbox.AddAsync(
                IntegrationEvent.Create(EventTypes.HotspotDetected, rowKey, $"{rowKey}|{day}", now, new Dictionary<string, object?>
                {
                    ["kind"] = hotspot.Kind,
                    ["key"] = hotspot.Key,
                    ["region"] = hotspot.Region,
                    ["recent"] = hotspot.Recent,
                    ["baseline"] = hotspot.Baseline,
                    ["expected"] = hotspot.Expected,
                    ["pValue"] = hotspot.PValue,
                }),
                cancellationToken);
        }

        LogScanned(logger, agencies.Count, found.Length);
        return found;
    }

    /// <summary>The national hotspots recorded during a fiscal year, most significant first: what head office and the national summary see.</summary>
    public async Task<IReadOnlyList<HotspotRecord>> ListAsync(FiscalYear year, CancellationToken cancellationToken) =>
        HotspotViews.National(await ReadYearAsync(year, cancellationToken));

    /// <summary>
    /// The hotspots a staff member may see: the national ones for head office; for a regional
    /// officer, the provinces of their regions and the agency hotspots found among their regions'
    /// own complaints. No row counted over other regions' complaints is returned.
    /// </summary>
    public async Task<IReadOnlyList<HotspotRecord>> ListAsync(FiscalYear year, Staff.StaffScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rows = await ReadYearAsync(year, cancellationToken);
        return scope.IsAll ? HotspotViews.National(rows) : HotspotViews.ForRegions(rows, scope.Regions);
    }

    /// <summary>Every stored row of the year, national and regional, with the region each belongs to.</summary>
    public async Task<IReadOnlyList<HotspotRecord>> ReadYearAsync(FiscalYear year, CancellationToken cancellationToken)
    {
        var rows = new List<HotspotRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {year.BuddhistYear.ToString(CultureInfo.InvariantCulture)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var kind = row.GetString("Kind");
            var key = row.GetString("Key");
            // Rows stored before regions were recorded are national ones; a province's region comes from the reference data.
            var region = kind == "province" ? catalog.FindProvince(key)?.PaccRegion ?? row.GetInt32("Region") : row.GetInt32("Region");
            rows.Add(new HotspotRecord(
                kind, key, row.GetString("Label"), row.GetInt64("Recent") ?? 0, row.GetInt64("Baseline") ?? 0,
                row.GetDouble("Expected") ?? 0, row.GetDouble("PValue") ?? 1, row.GetDateTimeOffset("DetectedAt") ?? default, region)
            {
                Regional = row.GetBoolean("Regional") ?? false,
            });
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hotspot scan: {Complaints} complaints of the last 120 days, {Hotspots} hotspots")]
    private static partial void LogScanned(ILogger logger, int complaints, int hotspots);
}

/// <summary>
/// A stored hotspot, as staff and the summary see it. <see cref="Region"/>: the province's region,
/// or the region whose complaints alone an agency was counted in; null for an agency counted
/// over the whole country.
/// </summary>
public sealed record HotspotRecord(string Kind, string Key, string Label, long Recent, long Baseline, double Expected, double PValue, DateTimeOffset DetectedAt, int? Region)
{
    /// <summary>Found among one region's complaints alone (not shown in the API: the views choose by it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Regional { get; init; }
}
