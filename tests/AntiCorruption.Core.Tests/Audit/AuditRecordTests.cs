using System.Text;
using AntiCorruption.Core.Audit;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Audit;

public class AuditRecordTests
{
    private static readonly AuditDraft Draft = new(
        new DateTimeOffset(2027, 1, 5, 3, 0, 0, TimeSpan.Zero), "oid-1", "สมชาย ใจดี", AuditActions.ComplaintIdentity, 8, "01JH0000000000000000000000", null, "reason: ต้องติดต่อกลับ \"ด่วน\"");

    [Fact]
    public void ALine_ReadsBackAsTheRecord_WhoseHashHolds()
    {
        var (record, line) = AuditRecord.Seal(7, AuditRecord.Genesis, Draft);
        Assert.Equal((byte)'\n', line[^1]);
        var parsed = AuditRecord.Parse(line.AsSpan(0, line.Length - 1));
        Assert.NotNull(parsed);
        Assert.True(parsed.Value.HashHolds);
        Assert.Equal(record, parsed.Value.Record);
        Assert.Contains("สมชาย ใจดี", Encoding.UTF8.GetString(line), StringComparison.Ordinal);
    }

    [Fact]
    public void AnyChangedByte_BreaksTheHash()
    {
        var (_, line) = AuditRecord.Seal(7, AuditRecord.Genesis, Draft);
        var text = Encoding.UTF8.GetString(line, 0, line.Length - 1);
        foreach (var (from, to) in new[] { ("\"n\":7", "\"n\":8"), ("oid-1", "oid-2"), ("ด่วน", "ช้า"), ("\"region\":8", "\"region\":9") })
        {
            var changed = Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
            var parsed = AuditRecord.Parse(changed);
            Assert.NotNull(parsed);
            Assert.False(parsed.Value.HashHolds, from);
        }

        // A new hash written over an edit does not hold either: it is computed over the content.
        var forged = text[..^66] + new string('a', 64) + "\"}";
        Assert.False(AuditRecord.Parse(Encoding.UTF8.GetBytes(forged))!.Value.HashHolds);
        Assert.Null(AuditRecord.Parse("not a record"u8));
    }

    [Fact]
    public void EachRecord_CarriesTheHashOfTheOneBefore()
    {
        var (first, _) = AuditRecord.Seal(1, AuditRecord.Genesis, Draft);
        var (second, _) = AuditRecord.Seal(2, first.Hash, Draft);
        Assert.Equal(first.Hash, second.Prev);
        Assert.NotEqual(first.Hash, second.Hash);
    }
}

public class RefusalBudgetTests
{
    [Fact]
    public void BeyondTheMinutesBudget_RefusalsAreCounted_AndTheCountGoesIntoTheNextRecord()
    {
        var time = new FixedTime(new DateTimeOffset(2027, 1, 5, 3, 0, 0, TimeSpan.Zero));
        var budget = new RefusalBudget(time, perMinute: 3);
        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(budget.TryTake(out var before) && before == 0));
        Assert.False(budget.TryTake(out _));
        Assert.False(budget.TryTake(out _));

        time.Now = time.Now.AddSeconds(59);
        Assert.False(budget.TryTake(out _));
        time.Now = time.Now.AddSeconds(1);
        Assert.True(budget.TryTake(out var unrecorded));
        Assert.Equal(3, unrecorded);
        Assert.True(budget.TryTake(out unrecorded));
        Assert.Equal(0, unrecorded);
    }

    [Fact]
    public void ZeroPerMinute_RecordsEveryRefusal()
    {
        var budget = new RefusalBudget(new FixedTime(DateTimeOffset.UnixEpoch), perMinute: 0);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(budget.TryTake(out _)));
    }
}
