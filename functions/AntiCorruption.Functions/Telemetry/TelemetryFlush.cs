using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// Sends recorded metrics now rather than at the next export interval: a timer's instance may go
/// idle right after its run, before the minute-long interval comes round.
/// </summary>
public sealed class TelemetryFlush(IServiceProvider services)
{
    private const int TimeoutMilliseconds = 5_000;

    public void Metrics() => services.GetService<MeterProvider>()?.ForceFlush(TimeoutMilliseconds);
}
