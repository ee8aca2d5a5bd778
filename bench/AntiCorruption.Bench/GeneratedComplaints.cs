using System.Runtime.CompilerServices;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Bench;

/// <summary>
/// A fiscal year of complaints made up on the fly, newest first, as the table would give them:
/// the same shapes and spread of values (77 provinces, 7 categories, a few hundred agencies,
/// open and closed cases, attachments, amounts). Nothing is held: row i is made when asked for.
/// </summary>
internal sealed class GeneratedComplaints(ReferenceCatalog catalog, int count, int seed = 2569) : IFiscalYearComplaints
{
    private static readonly string[] Statuses = ["registered", "under_review", "referred", "closed", "dismissed"];
    private static readonly string[] AgencyKinds = ["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "สำนักงานที่ดินจังหวัด", "ที่ว่าการอำเภอ", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "แขวงทางหลวง"];

    public async IAsyncEnumerable<ComplaintEntity> StreamYearAsync(FiscalYear year, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var step = (year.End - year.Start) / (count + 1);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Make(random, year.End - (step * (i + 1)), year);
            if (i % 4096 == 0)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>One complaint as the processor stores it, with the staff changes a year brings.</summary>
    public ComplaintEntity Make(Random random, DateTimeOffset receivedAt, FiscalYear year)
    {
        ArgumentNullException.ThrowIfNull(random);
        var province = catalog.Provinces[random.Next(catalog.Provinces.Count)];
        var id = ComplaintIds.New(receivedAt);
        var status = Statuses[random.Next(Statuses.Length)];
        var acknowledged = status != "registered";
        var closed = status is "referred" or "closed" or "dismissed";
        return new ComplaintEntity
        {
            PartitionKey = ComplaintEntity.PartitionOf(id, receivedAt),
            RowKey = ComplaintEntity.RowKeyOf(id),
            ComplaintId = id,
            TrackingHash = Convert.ToHexStringLower(RandomBytes(random, 32)),
            Status = status,
            FiscalYear = year.BuddhistYear,
            ReceivedAt = receivedAt,
            UpdatedAt = receivedAt.AddDays(random.Next(0, 30)),
            Channel = random.Next(3) == 0 ? "line" : "web",
            Category = catalog.Categories[random.Next(catalog.Categories.Count)].Id,
            Province = province.Code,
            Region = province.PaccRegion,
            Agency = $"{AgencyKinds[random.Next(AgencyKinds.Length)]} {random.Next(1, 60)}",
            IncidentDate = random.Next(2) == 0 ? null : receivedAt.AddDays(-random.Next(1, 90)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            AmountThb = random.Next(3) == 0 ? random.Next(1_000, 5_000_000) : null,
            Anonymous = random.Next(5) < 3,
            Consent = true,
            AttachmentIds = random.Next(4) == 0 ? $"[\"{Guid.NewGuid():N}\"]" : "[]",
            AcknowledgeBy = ComplaintDeadlines.AcknowledgeBy(receivedAt),
            FeedbackDueBy = ComplaintDeadlines.FeedbackDueBy(receivedAt),
            Acknowledged = acknowledged,
            AcknowledgedAt = acknowledged ? receivedAt.AddHours(random.Next(1, 24 * 14)) : null,
            ClosedAt = closed ? receivedAt.AddDays(random.Next(1, 120)) : null,
            // Sealed columns of realistic size; the compile never reads them, the table still stores them.
            Details = RandomBytes(random, 900),
            History = RandomBytes(random, 200),
        };
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
