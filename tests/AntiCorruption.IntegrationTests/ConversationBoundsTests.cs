using System.Text;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A case's conversation is read newest first and no further than <see cref="ConversationStore.Shown"/>:
/// anyone with a tracking code can add to it, so no read may grow with what they add.
/// </summary>
[Collection(AppTests.Name)]
public class ConversationBoundsTests(AppFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);
    private readonly PiiProtector _pii = new(TestKeys.Pii());
    private readonly TableClient _table = fixture.Host.Storage.Table(StorageNames.MessagesTable);

    private ConversationStore Store(FixedTime time) => new(fixture.Host.Storage, _pii, time);

    [Fact]
    public async Task ALongConversation_ShowsItsNewest200InOrder_AndSaysOlderOnesExist()
    {
        var time = new FixedTime(Start);
        var store = Store(time);
        var id = NewCase();
        for (var i = 1; i <= ConversationStore.Shown + 5; i++)
        {
            await store.AddAsync(id, i % 2 == 0 ? ConversationStore.FromStaff : ConversationStore.FromReporter, $"ข้อความที่ {i}", CancellationToken.None);
            time.Now += TimeSpan.FromMinutes(1);
        }

        var read = await store.ReadAsync(id, CancellationToken.None);

        Assert.Equal(ConversationStore.Shown, read.Messages.Count);
        Assert.True(read.EarlierOmitted);
        Assert.Equal(Enumerable.Range(6, ConversationStore.Shown).Select(i => $"ข้อความที่ {i}"), read.Messages.Select(m => m.Text));
        Assert.Equal(Start.AddMinutes(5), read.Messages[0].At);
    }

    [Fact]
    public async Task AConversationOfExactlyTheShownSize_OmitsNothing()
    {
        var time = new FixedTime(Start);
        var store = Store(time);
        var id = NewCase();
        for (var i = 1; i <= ConversationStore.Shown; i++)
        {
            await store.AddAsync(id, ConversationStore.FromReporter, $"m{i}", CancellationToken.None);
            time.Now += TimeSpan.FromSeconds(1);
        }

        var read = await store.ReadAsync(id, CancellationToken.None);

        Assert.Equal(ConversationStore.Shown, read.Messages.Count);
        Assert.False(read.EarlierOmitted);
    }

    [Fact]
    public async Task MessagesStoredBeforeTheRule_AreMovedWhenTheCaseIsRead_NoneLostOrDoubled()
    {
        var time = new FixedTime(Start);
        var store = Store(time);
        var id = NewCase();
        const int old = ConversationStore.Shown + 50;
        await AddFirstShapeAsync(id, old);
        time.Now = Start.AddDays(1);
        await store.AddAsync(id, ConversationStore.FromStaff, "หลังปรับรุ่น", CancellationToken.None);

        var first = await store.ReadAsync(id, CancellationToken.None);
        Assert.Equal(old - ConversationStore.MovedPerRead, await CountAsync(id, firstShape: true));
        var second = await store.ReadAsync(id, CancellationToken.None);

        Assert.Equal(0, await CountAsync(id, firstShape: true));
        Assert.Equal(old + 1, await CountAsync(id, firstShape: false));
        Assert.Equal("หลังปรับรุ่น", second.Messages[^1].Text);
        Assert.Equal(Enumerable.Range(old - ConversationStore.Shown + 2, ConversationStore.Shown - 1).Select(i => $"เก่า {i}"), second.Messages.SkipLast(1).Select(m => m.Text));
        Assert.True(second.EarlierOmitted);
        Assert.Equal("หลังปรับรุ่น", first.Messages[^1].Text);
    }

    [Fact]
    public async Task TwoReadersMovingTheSameRows_LeaveEachMessageOnce()
    {
        var store = Store(new FixedTime(Start.AddDays(1)));
        var id = NewCase();
        await AddFirstShapeAsync(id, 120);

        var reads = await Task.WhenAll(store.ReadAsync(id, CancellationToken.None), store.ReadAsync(id, CancellationToken.None));
        await store.ReadAsync(id, CancellationToken.None);

        Assert.Equal(0, await CountAsync(id, firstShape: true));
        Assert.Equal(120, await CountAsync(id, firstShape: false));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"เก่า {i}"), (await store.ReadAsync(id, CancellationToken.None)).Messages.Select(m => m.Text));
        Assert.All(reads, r => Assert.Equal(r.Messages.Select(m => m.At).Order(), r.Messages.Select(m => m.At)));
    }

    private static string NewCase() => Guid.NewGuid().ToString("N");

    /// <summary>Rows as the first version wrote them: ticks counting up, the text sealed to that row key.</summary>
    private async Task AddFirstShapeAsync(string id, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var at = Start.AddMinutes(i);
            var rowKey = $"{at.UtcTicks:D19}-{Guid.NewGuid():N}";
            await _table.AddEntityAsync(new TableEntity(id, rowKey)
            {
                ["From"] = ConversationStore.FromReporter,
                ["At"] = at,
                ["Text"] = _pii.Seal(Encoding.UTF8.GetBytes($"เก่า {i}"), $"complaint/{id}/message/{rowKey}"),
            });
        }
    }

    private async Task<int> CountAsync(string id, bool firstShape)
    {
        var count = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith('m') != firstShape ? 1 : 0;
        }

        return count;
    }
}
