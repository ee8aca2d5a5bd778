using AntiCorruption.Core.Telemetry;
using AntiCorruption.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using OpenTelemetry;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// Every five minutes (<c>%MetricsSchedule%</c>): records the queue depths, the overdue complaints
/// per region and the complaints of the last hour as gauges (<see cref="OperationalMetrics"/>),
/// which the alerts and the workbook read, and sends them at once. The run is one invocation span;
/// its eighty-odd storage reads are not traced one by one, which would be some 45,000 dependency
/// records a day saying nothing the gauges do not.
/// </summary>
internal sealed class RecordOperationalMetrics(OperationalFigures figures, OperationalMetrics metrics, TelemetryFlush flush)
{
    [Function(nameof(RecordOperationalMetrics))]
    public async Task Run([TimerTrigger("%MetricsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        OperationalSnapshot snapshot;
        using (SuppressInstrumentationScope.Begin())
        {
            snapshot = await figures.ReadAsync(cancellationToken);
        }

        metrics.Record(snapshot);
        flush.Metrics();
    }
}
