using AntiCorruption.Core.Hotspots;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Hotspots;

/// <summary>Every day at 07:30 Bangkok (00:30 UTC): looks for agencies and provinces whose complaints are rising.</summary>
internal sealed class DetectHotspots(HotspotScan scan)
{
    [Function(nameof(DetectHotspots))]
    public Task Run([TimerTrigger("0 30 0 * * *")] TimerInfo timer, CancellationToken cancellationToken) => scan.RunAsync(cancellationToken);
}
