using System.Diagnostics;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The re-seal over 20,000 rows on Azurite, timed: the pass that moves them all, and the pass
/// after, which only reads. Figures go to the test output (docs/RELIABILITY.md quotes them); the
/// assertions are about the outcome only.
/// </summary>
[Trait("Category", "Long")]
public sealed class ResealVolumeTests(ITestOutputHelper output)
{
    private const int Complaints = 200;
    private const int NotesPerComplaint = 100;

    [Fact]
    public async Task Reseal_TwentyThousandNotes_MovedInOnePassAndReadInTheNext()
    {
        await using var azurite = await Azurite.StartNewAsync();
        var storage = azurite.Account();
        await storage.CreateMissingAsync(CancellationToken.None);
        var before = new PiiProtector(TestKeys.Pii(TestKeys.PiiKey));
        var notes = storage.Table(StorageNames.NotesTable);

        // Rows as InternalNotes writes them, 100 to a transaction (one complaint each).
        var seeding = Stopwatch.StartNew();
        for (var c = 0; c < Complaints; c++)
        {
            var complaintId = $"01M8C4FBKCA0V8FTDZHH6R{c:D4}";
            var batch = Enumerable.Range(0, NotesPerComplaint).Select(n =>
            {
                var rowKey = $"{n:D19}-{Guid.NewGuid():N}";
                return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(complaintId, rowKey)
                {
                    ["At"] = DateTimeOffset.UnixEpoch,
                    ["By"] = "officer",
                    ["Text"] = before.Seal(System.Text.Encoding.UTF8.GetBytes($"บันทึกภายในเรื่องที่ {c} ฉบับที่ {n} ยาวพอประมาณเหมือนบันทึกจริงของเจ้าหน้าที่"), $"complaint/{complaintId}/note/{rowKey}"),
                });
            });
            await notes.SubmitTransactionAsync(batch);
        }

        output.WriteLine($"seeded {Complaints * NotesPerComplaint:N0} notes in {seeding.Elapsed.TotalSeconds:0.0} s");
        var clock = new FixedTime(DateTimeOffset.UtcNow);
        var job = new PersonalDataReseal(storage, new PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey, TestKeys.PiiKey)), RetentionSchedule.Load(RepoPaths.Seeds), clock, NullLogger<PersonalDataReseal>.Instance);

        var moving = Stopwatch.StartNew();
        var first = await job.RunAsync(CancellationToken.None);
        moving.Stop();
        clock.Now += TimeSpan.FromHours(1);
        var reading = Stopwatch.StartNew();
        var second = await job.RunAsync(CancellationToken.None);
        reading.Stop();

        var rows = Complaints * NotesPerComplaint;
        output.WriteLine($"pass 1: {first.Status!.LastPass!.Resealed:N0} re-sealed in {moving.Elapsed.TotalSeconds:0.0} s ({rows / moving.Elapsed.TotalSeconds:N0} rows/s)");
        output.WriteLine($"pass 2: {second.Status!.LastPass!.Examined:N0} read, nothing written, in {reading.Elapsed.TotalSeconds:0.0} s ({rows / reading.Elapsed.TotalSeconds:N0} rows/s)");
        Assert.Equal((ResealState.PassFinished, (long)rows), (first.State, first.Status.LastPass.Resealed));
        Assert.Equal((ResealState.Done, 0L), (second.State, second.Status.LastPass.Resealed));
    }
}
