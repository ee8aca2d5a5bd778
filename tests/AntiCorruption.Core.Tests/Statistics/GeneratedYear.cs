using System.Globalization;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Statistics;

/// <summary>
/// A made-up fiscal year shaped like the real thing: a few busy provinces and many quiet ones
/// (so, many small counts), uneven categories and statuses, the odd complaint whose category or
/// province the reference data no longer knows, complaints after the months counted, and
/// workshops of every size. It keeps the true count of every published cell, named as
/// <see cref="Attack.Attacker"/> names them, so tests can hold each finding against the truth.
/// </summary>
internal sealed class GeneratedYear
{
    public static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);

    private static readonly (string Status, double Weight)[] StatusWeights =
        [("received", 0.2), ("registered", 4), ("under_review", 30), ("referred", 10), ("closed", 40), ("dismissed", 8)];

    /// <param name="now">The compile's time: the year is counted up to the start of its month.</param>
    public GeneratedYear(int seed, int fiscalYear, DateTimeOffset now, int complaints, int busyProvinces = 8)
    {
        var random = new Random(seed);
        Year = new FiscalYear(fiscalYear);
        var builder = new PublicStatisticsBuilder(Year, now, Catalog);
        var y = fiscalYear.ToString(CultureInfo.InvariantCulture);
        var provinces = Catalog.Provinces.OrderBy(_ => random.Next()).ToArray();
        var weights = provinces.Select((_, i) => i < busyProvinces ? 30.0 : 1.0).ToArray();
        var categories = Catalog.Categories.Select((c, i) => (c.Id, Weight: 40.0 / (i + 1))).ToArray();
        var counted = builder.Until;
        var span = (Year.End - Year.Start).TotalMinutes;

        for (var i = 0; i < complaints; i++)
        {
            var province = Pick(random, provinces.Select((p, k) => (p, weights[k])).ToArray());
            var unknownProvince = random.NextDouble() < 0.004;
            var category = random.NextDouble() < 0.004 ? "retired-category" : Pick(random, categories);
            var receivedAt = Year.Start.AddMinutes(random.NextDouble() * span);
            var complaint = new ComplaintEntity
            {
                ComplaintId = $"c{i}",
                ReceivedAt = receivedAt,
                Province = unknownProvince ? "TH-99" : province.Code,
                Region = province.PaccRegion,
                Category = category,
                Status = random.NextDouble() < 0.003 ? "archived" : Pick(random, StatusWeights),
                AcknowledgedAt = random.NextDouble() < 0.8 ? receivedAt.AddHours(random.Next(0, 12 * 24)) : null,
                FeedbackAt = random.NextDouble() < 0.6 ? receivedAt.AddDays(random.Next(10, 120)) : null,
            };
            Complaints.Add(complaint);
            builder.Add(complaint);
            if (receivedAt >= counted)
            {
                continue;
            }

            var region = complaint.Region;
            Count($"{y} complaints");
            Count($"{y} region:{region}");
            Count($"{y} province:{(unknownProvince ? PublicStatisticsBuilder.Unknown : province.Code)}:{region}");
            Count($"{y} category:{(Catalog.FindCategory(category) is null ? PublicStatisticsBuilder.Unknown : category)}");
            Count($"{y} status:{(complaint.Status == "archived" ? PublicStatisticsBuilder.Unknown : complaint.Status)}");
            Count($"{y} month:{ComplaintStatistics.Month(receivedAt)}");
        }

        foreach (var region in Catalog.Regions)
        {
            Truth.TryAdd($"{y} attended:{region.Id}", 0);
            var office = Catalog.Provinces.First(p => p.PaccRegion == region.Id);
            for (var k = random.NextDouble() < 0.5 ? 0 : random.Next(1, 4); k > 0; k--)
            {
                var startsAt = Year.Start.AddDays(random.Next(0, 365));
                var seated = random.Next(0, 40);
                var checkedIn = random.Next(0, seated + 1);
                Workshops.Add(new WorkshopRegistrationSummary($"w{region.Id}-{k}", "อบรม", office.Code, startsAt, 50, seated, 0, 0, checkedIn, 0));
                if (startsAt < counted)
                {
                    Count($"{y} registered", seated);
                    Count($"{y} attended", checkedIn);
                    Count($"{y} attended:{region.Id}", checkedIn);
                }
            }
        }

        Statistics = builder.Build(Workshops) ?? throw new InvalidOperationException("No whole month to publish.");
        Json = JsonSerializer.SerializeToElement(Statistics, JsonDefaults.Options);
    }

    public FiscalYear Year { get; }

    public List<ComplaintEntity> Complaints { get; } = [];

    public List<WorkshopRegistrationSummary> Workshops { get; } = [];

    public YearStatistics Statistics { get; }

    /// <summary>The year as the public route gives it.</summary>
    public JsonElement Json { get; }

    /// <summary>The true count of every cell, by the attacker's name for it (cells never counted are 0).</summary>
    public Dictionary<string, long> Truth { get; } = new(StringComparer.Ordinal);

    public long TrueValue(string name) => Truth.GetValueOrDefault(name);

    private void Count(string key, long by = 1) => Truth[key] = Truth.GetValueOrDefault(key) + by;

    private static T Pick<T>(Random random, (T Item, double Weight)[] items)
    {
        var roll = random.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }
}
