using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Fiscal year 2557 (Oct 2013 - Sep 2014), which no other test writes to: a generated year of
/// complaints shaped like a real one (three busy provinces, many with one or two; uneven
/// categories and statuses) and two workshops, compiled once per run. The year is long past, so
/// whatever the day the tests run, every month of it is counted.
/// </summary>
internal static class TestStatistics
{
    public const int Year = 2557;

    /// <summary>An agency name that must never reach the public figures.</summary>
    public const string Agency = "องค์การบริหารส่วนตำบลที่ต้องไม่ปรากฏในสถิติ";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _compiled;

    /// <summary>How many complaints were seeded: the published total.</summary>
    public static int Complaints { get; private set; }

    public static async Task CompileAsync(AppHost app)
    {
        await Once.WaitAsync();
        try
        {
            if (_compiled)
            {
                return;
            }

            var random = new Random(Year);
            var year = new FiscalYear(Year);
            var table = app.Storage.Table(StorageNames.ComplaintsTable);
            var quiet = new[] { "TH-81", "TH-84", "TH-86", "TH-90", "TH-91", "TH-92", "TH-93", "TH-94", "TH-95", "TH-96", "TH-57", "TH-58", "TH-63", "TH-40", "TH-41", "TH-30", "TH-20", "TH-21", "TH-70", "TH-71" };
            var provinces = Enumerable.Repeat("TH-80", 60).Concat(Enumerable.Repeat("TH-10", 40)).Concat(Enumerable.Repeat("TH-50", 30))
                .Concat(quiet.SelectMany((p, i) => Enumerable.Repeat(p, 1 + (i % 3)))).ToArray();
            var categories = Weighted(("bribery", 70), ("procurement", 50), ("malfeasance", 25), ("embezzlement", 10), ("conflict_of_interest", 3), ("personnel", 2));
            var statuses = Weighted(("closed", 80), ("under_review", 50), ("referred", 20), ("dismissed", 8), ("registered", 2));
            var catalog = app.Service<AntiCorruption.Core.ReferenceData.ReferenceCatalog>();
            var rows = new List<ComplaintEntity>();
            for (var i = 0; i < provinces.Length; i++)
            {
                var receivedAt = year.Start.AddMinutes(random.NextDouble() * (year.End - year.Start).TotalMinutes);
                var id = ComplaintIds.New(receivedAt);
                var status = statuses[random.Next(statuses.Length)];
                var acknowledgedAt = receivedAt.AddHours(random.Next(2, 10 * 24));
                rows.Add(new ComplaintEntity
                {
                    PartitionKey = ComplaintEntity.PartitionOf(id, receivedAt),
                    RowKey = ComplaintEntity.RowKeyOf(id),
                    ComplaintId = id,
                    Status = status,
                    FiscalYear = Year,
                    ReceivedAt = receivedAt,
                    UpdatedAt = acknowledgedAt,
                    Channel = i % 3 == 0 ? "line" : "web",
                    Category = categories[random.Next(categories.Length)],
                    Province = provinces[i],
                    Region = catalog.RegionOf(provinces[i]),
                    Agency = Agency,
                    Anonymous = true,
                    AcknowledgeBy = ComplaintDeadlines.AcknowledgeBy(receivedAt),
                    FeedbackDueBy = ComplaintDeadlines.FeedbackDueBy(receivedAt),
                    Acknowledged = status != "registered",
                    AcknowledgedAt = status == "registered" ? null : acknowledgedAt,
                    FeedbackAt = status is "closed" or "referred" or "dismissed" ? receivedAt.AddDays(random.Next(5, 120)) : null,
                });
            }

            Complaints = rows.Count;

            // A run on storage kept from an earlier run (AzureWebJobsStorage set) finds the year seeded: it compiles it again as it is.
            await foreach (var _ in table.QueryAsync<TableEntity>(ComplaintEntity.FiscalYearFilter(year), maxPerPage: 1, select: ["PartitionKey"]))
            {
                await app.Service<SummaryCompiler>().CompileAsync(year, CancellationToken.None);
                _compiled = true;
                return;
            }

            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
            {
                await table.SubmitTransactionAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
            }

            // Two workshops: one well attended in region 8, one with two people in region 5.
            var startsAt = new DateTimeOffset(2014, 3, 12, 2, 0, 0, TimeSpan.Zero);
            var busy = await LegacyWorkshopRows.WorkshopAsync(app, "TH-80", 8, startsAt, capacity: 40);
            for (var i = 0; i < 9; i++)
            {
                await LegacyWorkshopRows.RegistrationAsync(app, busy, $"ผู้อบรม {i}", i < 7 ? "checked_in" : "confirmed", i + 1, startsAt.AddDays(-10), i < 7 ? startsAt : null);
            }

            var small = await LegacyWorkshopRows.WorkshopAsync(app, "TH-50", 5, startsAt.AddDays(30), capacity: 40);
            for (var i = 0; i < 2; i++)
            {
                await LegacyWorkshopRows.RegistrationAsync(app, small, $"ผู้อบรมเชียงใหม่ {i}", "checked_in", i + 1, startsAt.AddDays(20), startsAt.AddDays(30));
            }

            await app.Service<SummaryCompiler>().CompileAsync(year, CancellationToken.None);
            _compiled = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static string[] Weighted(params (string Value, int Weight)[] values) => [.. values.SelectMany(v => Enumerable.Repeat(v.Value, v.Weight))];
}
