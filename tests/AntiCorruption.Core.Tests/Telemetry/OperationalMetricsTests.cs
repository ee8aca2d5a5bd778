using System.Diagnostics.Metrics;
using AntiCorruption.Core.Telemetry;

namespace AntiCorruption.Core.Tests.Telemetry;

public class OperationalMetricsTests
{
    private sealed class Meters : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose() => Created.ForEach(m => m.Dispose());
    }

    /// <summary>The names and tags are what infra's alerts and workbook query: they may not drift.</summary>
    [Fact]
    public void Record_Snapshot_GaugesUnderTheContractedNamesAndTags()
    {
        using var meters = new Meters();
        var metrics = new OperationalMetrics(meters);
        var recorded = new List<(string Instrument, string Tags, int Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (meters.Created.Contains(instrument.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            recorded.Add((instrument.Name, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")), value)));
        listener.Start();

        metrics.Record(new OperationalSnapshot(
            new Dictionary<string, int> { ["complaints"] = 3, ["complaints-poison"] = 1 },
            Enumerable.Range(0, 10).ToDictionary(r => r, r => r == 4 ? 2 : 0),
            7));

        Assert.Equal("AntiCorruption", Assert.Single(meters.Created).Name);
        Assert.Contains(("anticorruption.queue.depth", "queue=complaints", 3), recorded);
        Assert.Contains(("anticorruption.queue.depth", "queue=complaints-poison", 1), recorded);
        Assert.Contains(("anticorruption.complaints.overdue", "region=4", 2), recorded);
        Assert.Equal(Enumerable.Range(0, 10).Select(r => $"region={r}"), recorded.Where(r => r.Instrument == "anticorruption.complaints.overdue").Select(r => r.Tags));
        Assert.Contains(("anticorruption.complaints.received", "", 7), recorded);
        Assert.Equal(13, recorded.Count);
    }

    [Fact]
    public void MeasuredQueues_EveryQueueAndItsPoisonQueue()
    {
        foreach (var queue in AntiCorruption.Core.Storage.StorageNames.Queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)))
        {
            Assert.Contains(queue, OperationalFigures.MeasuredQueues);
            Assert.Contains(queue + "-poison", OperationalFigures.MeasuredQueues);
        }

        Assert.Equal(OperationalFigures.MeasuredQueues.Count, OperationalFigures.MeasuredQueues.Distinct().Count());
    }
}
