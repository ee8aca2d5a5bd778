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

    public async Task<IReadOnlyList<Hotspot>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-(HotspotDetector.RecentDays + HotspotDetector.BaselineDays));
        var agencies = new List<(string, string, DateTimeOffset)>();
        var provinces = new List<(string, string, DateTimeOffset)>();
        foreach (var year in new[] { FiscalYear.Of(since), FiscalYear.Of(now) }.Distinct())
        {
            await foreach (var c in complaints.ScanAsync(year, TableClient.CreateQueryFilter($"ReceivedAt ge {since}"), cancellationToken))
            {
                agencies.Add((AgencyNames.Normalize(c.Agency), c.Agency, c.ReceivedAt));
                provinces.Add((c.Province, catalog.FindProvince(c.Province)?.NameTh ?? c.Province, c.ReceivedAt));
            }
        }

        var found = HotspotDetector.Detect("agency", agencies, now).Concat(HotspotDetector.Detect("province", provinces, now)).ToArray();
        var fiscalYear = FiscalYear.Of(now).BuddhistYear.ToString(CultureInfo.InvariantCulture);
        var day = Bangkok.DateOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var hotspot in found)
        {
            var rowKey = $"{hotspot.Kind}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hotspot.Key)))[..16]}";
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
                },
                TableUpdateMode.Replace,
                cancellationToken);
            await outbox.AddAsync(
                IntegrationEvent.Create(EventTypes.HotspotDetected, rowKey, $"{rowKey}|{day}", now, new Dictionary<string, object?>
                {
                    ["kind"] = hotspot.Kind,
                    ["key"] = hotspot.Key,
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

    /// <summary>The hotspots recorded during a fiscal year, most significant first.</summary>
    public async Task<IReadOnlyList<HotspotRecord>> ListAsync(FiscalYear year, CancellationToken cancellationToken)
    {
        var rows = new List<HotspotRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {year.BuddhistYear.ToString(CultureInfo.InvariantCulture)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new HotspotRecord(
                row.GetString("Kind"), row.GetString("Key"), row.GetString("Label"), row.GetInt64("Recent") ?? 0, row.GetInt64("Baseline") ?? 0,
                row.GetDouble("Expected") ?? 0, row.GetDouble("PValue") ?? 1, row.GetDateTimeOffset("DetectedAt") ?? default));
        }

        return rows.OrderBy(r => r.PValue).ThenBy(r => r.Key, StringComparer.Ordinal).ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hotspot scan: {Complaints} complaints of the last 120 days, {Hotspots} hotspots")]
    private static partial void LogScanned(ILogger logger, int complaints, int hotspots);
}

/// <summary>A stored hotspot, as staff and the summary see it.</summary>
public sealed record HotspotRecord(string Kind, string Key, string Label, long Recent, long Baseline, double Expected, double PValue, DateTimeOffset DetectedAt);
