using System.Diagnostics.Metrics;
using System.Globalization;

namespace AntiCorruption.Core.Telemetry;

/// <summary>
/// The operational gauges, on the <c>AntiCorruption</c> meter. Their names are a contract: the
/// alerts and the workbook in infra query them. Each is recorded when the metrics timer runs, by
/// one instance, so a gauge has one value per run rather than one per instance.
/// </summary>
public sealed class OperationalMetrics
{
    /// <summary>Approximate messages waiting, tag <c>queue</c>.</summary>
    public const string QueueDepth = "anticorruption.queue.depth";

    /// <summary>Complaints overdue now, tag <c>region</c> "0" to "9".</summary>
    public const string ComplaintsOverdue = "anticorruption.complaints.overdue";

    /// <summary>Complaints received in the last hour.</summary>
    public const string ComplaintsReceived = "anticorruption.complaints.received";

    private readonly Gauge<int> _queueDepth;
    private readonly Gauge<int> _overdue;
    private readonly Gauge<int> _received;

    public OperationalMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(AppTelemetry.Name);
        _queueDepth = meter.CreateGauge<int>(QueueDepth, "{message}", "Approximate number of messages waiting in a storage queue.");
        _overdue = meter.CreateGauge<int>(ComplaintsOverdue, "{complaint}", "Complaints past their acknowledgement or feedback deadline, per region.");
        _received = meter.CreateGauge<int>(ComplaintsReceived, "{complaint}", "Complaints received in the last hour.");
    }

    public void Record(OperationalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var (queue, depth) in snapshot.QueueDepths)
        {
            _queueDepth.Record(depth, new KeyValuePair<string, object?>("queue", queue));
        }

        foreach (var (region, count) in snapshot.OverdueByRegion)
        {
            _overdue.Record(count, new KeyValuePair<string, object?>("region", region.ToString(CultureInfo.InvariantCulture)));
        }

        _received.Record(snapshot.ReceivedLastHour);
    }
}
