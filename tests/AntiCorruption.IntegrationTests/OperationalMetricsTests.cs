using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Telemetry;
using AntiCorruption.Core.Time;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The figures the metrics timer records, read from an Azurite of their own (queue depths are
/// counts of everything there) with a fixed clock: queue and poison-queue depths, overdue
/// complaints per region as the staff list counts them, and the complaints of the last hour.
/// </summary>
public sealed class OperationalMetricsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    private Azurite _azurite = null!;
    private StorageAccount _storage = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartNewAsync();
        _storage = _azurite.Account();
        await _storage.CreateMissingAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ReadAsync_QueuesWithMessages_CountsEachQueueAndItsPoisonQueue()
    {
        await _storage.Queue(StorageNames.ComplaintsQueue).SendMessageAsync("{}");
        await _storage.Queue(StorageNames.ComplaintsQueue).SendMessageAsync("{}");
        await _storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue)).SendMessageAsync("{}");
        await _storage.Queue(StorageNames.PoisonQueueOf(StorageNames.LineEventsQueue)).SendMessageAsync("{}");

        var figures = await new OperationalFigures(_storage, new FixedTime(Now)).ReadAsync(CancellationToken.None);

        Assert.Equal(OperationalFigures.MeasuredQueues.Order(), figures.QueueDepths.Keys.Order());
        Assert.Equal(2, figures.QueueDepths["complaints"]);
        Assert.Equal(1, figures.QueueDepths["complaints-poison"]);
        Assert.Equal(1, figures.QueueDepths["line-events-poison"]);
        Assert.Equal(0, figures.QueueDepths["registrations"]);
        // No one creates it (integration events have no trigger): a missing queue is empty.
        Assert.False((await _storage.Queue("integration-events-poison").ExistsAsync()).Value);
        Assert.Equal(0, figures.QueueDepths["integration-events-poison"]);
    }

    [Fact]
    public async Task ReadAsync_Complaints_OverduePerRegionAsTheStaffListSaysAndTheLastHoursArrivals()
    {
        var day = TimeSpan.FromDays(1);
        // Overdue: acknowledgement late (region 5), feedback late on an open case (region 5), and
        // acknowledgement late in the previous fiscal year (region 0).
        await AddAsync(Now - 10 * day, region: 5);
        await AddAsync(Now - 100 * day, region: 5, acknowledged: true, status: "under_review");
        await AddAsync(new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.Zero), region: 0);
        // Not overdue: feedback late but the case is closed (its status, not a flag, says so); acknowledged within its week; two
        // fiscal years back (outside the staff list's and the daily check's window); not yet due.
        await AddAsync(Now - 100 * day, region: 7, acknowledged: true, status: "closed");
        await AddAsync(Now - 10 * day, region: 7, acknowledged: true);
        await AddAsync(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), region: 7);
        await AddAsync(Now - 3 * day, region: 7);
        // The last hour: 59 and 30 minutes ago count; exactly an hour ago, two hours ago and
        // (a clock ahead) ten minutes from now do not.
        await AddAsync(Now - TimeSpan.FromMinutes(59), region: 9);
        await AddAsync(Now - TimeSpan.FromMinutes(30), region: 3);
        await AddAsync(Now - TimeSpan.FromHours(1), region: 3);
        await AddAsync(Now - TimeSpan.FromHours(2), region: 3);
        await AddAsync(Now + TimeSpan.FromMinutes(10), region: 3);

        var figures = await new OperationalFigures(_storage, new FixedTime(Now)).ReadAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10), figures.OverdueByRegion.Keys.Order());
        Assert.Equal(2, figures.OverdueByRegion[5]);
        Assert.Equal(1, figures.OverdueByRegion[0]);
        Assert.Equal(3, figures.OverdueByRegion.Values.Sum());
        Assert.Equal(2, figures.ReceivedLastHour);
    }

    /// <summary>At 00:30 on 1 October in Bangkok the last hour spans two fiscal years, whose complaints are in different partitions.</summary>
    [Fact]
    public async Task ReadAsync_HourAcrossTheFiscalYearsStart_CountsBothYears()
    {
        var yearStart = new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.Zero);
        var now = yearStart + TimeSpan.FromMinutes(30);
        Assert.NotEqual(FiscalYear.Of(yearStart - TimeSpan.FromMinutes(20)), FiscalYear.Of(yearStart + TimeSpan.FromMinutes(10)));
        await AddAsync(yearStart - TimeSpan.FromMinutes(20), region: 1);
        await AddAsync(yearStart + TimeSpan.FromMinutes(10), region: 1);
        await AddAsync(yearStart - TimeSpan.FromMinutes(40), region: 1);

        var figures = await new OperationalFigures(_storage, new FixedTime(now)).ReadAsync(CancellationToken.None);

        Assert.Equal(2, figures.ReceivedLastHour);
    }

    private Task AddAsync(DateTimeOffset receivedAt, int region, bool acknowledged = false, string status = "registered")
    {
        var id = ComplaintIds.New(receivedAt);
        var closed = status is "closed" or "dismissed" or "referred";
        return _storage.Table(StorageNames.ComplaintsTable).AddEntityAsync(new ComplaintEntity
        {
            PartitionKey = ComplaintEntity.PartitionOf(id, receivedAt),
            RowKey = ComplaintEntity.RowKeyOf(id),
            ComplaintId = id,
            TrackingHash = new string('a', 64),
            Status = status,
            FiscalYear = FiscalYear.Of(receivedAt).BuddhistYear,
            ReceivedAt = receivedAt,
            UpdatedAt = receivedAt,
            Channel = "web",
            Category = "bribery",
            Province = "TH-80",
            Region = region,
            Agency = "อบต. ท่าศาลา",
            Details = [1],
            AcknowledgeBy = ComplaintDeadlines.AcknowledgeBy(receivedAt),
            FeedbackDueBy = ComplaintDeadlines.FeedbackDueBy(receivedAt),
            Acknowledged = acknowledged,
            ClosedAt = closed ? receivedAt + TimeSpan.FromDays(30) : null,
        });
    }
}
