using Azure.Data.Tables;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

[Collection(AppTests.Name)]
public class RetentionTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task Purge_DeletesWorkingRecordsPastTheirLifetimeOnly()
    {
        var idempotency = _app.Storage.Table(StorageNames.IdempotencyTable);
        var lineEvents = _app.Storage.Table(StorageNames.LineEventsTable);
        var marker = Guid.NewGuid().ToString("N");
        await idempotency.AddEntityAsync(new TableEntity("zz", marker));
        await lineEvents.AddEntityAsync(new TableEntity("zz", marker));

        // Two hours on: the idempotency answer (an hour: it holds a sealed tracking code) goes, the LINE marker (7 days) stays.
        var clock = new FixedTime(DateTimeOffset.UtcNow.AddHours(2));
        await new ExpiredRecords(_app.Storage, _app.Service<RetentionSchedule>(), clock, NullLogger<ExpiredRecords>.Instance).PurgeAsync(CancellationToken.None);

        Assert.False((await idempotency.GetEntityIfExistsAsync<TableEntity>("zz", marker)).HasValue);
        Assert.True((await lineEvents.GetEntityIfExistsAsync<TableEntity>("zz", marker)).HasValue);

        clock.Now = clock.Now.AddDays(8);
        await new ExpiredRecords(_app.Storage, _app.Service<RetentionSchedule>(), clock, NullLogger<ExpiredRecords>.Instance).PurgeAsync(CancellationToken.None);
        Assert.False((await lineEvents.GetEntityIfExistsAsync<TableEntity>("zz", marker)).HasValue);
    }
}
