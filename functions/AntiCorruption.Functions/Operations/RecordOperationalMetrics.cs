using AntiCorruption.Core.Telemetry;
using AntiCorruption.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// Every five minutes (<c>%MetricsSchedule%</c>): records the queue depths, the overdue complaints
/// per region and the complaints of the last hour as gauges (<see cref="OperationalMetrics"/>),
/// which the alerts and the workbook read, and sends them at once.
/// </summary>
internal sealed class RecordOperationalMetrics(OperationalFigures figures, OperationalMetrics metrics, TelemetryFlush flush)
{
    [Function(nameof(RecordOperationalMetrics))]
    public async Task Run([TimerTrigger("%MetricsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        metrics.Record(await figures.ReadAsync(cancellationToken));
        flush.Metrics();
    }
}
