using AntiCorruption.Core.Privacy;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// Every hour at :40: after a rotation of <c>Pii__Key</c>, moves sealed personal data to the
/// current key, up to 3 minutes a run, until a whole pass finds nothing under another key
/// (<see cref="PersonalDataReseal"/>); then, and with no previous key configured, it does nothing.
/// </summary>
internal sealed class ResealPersonalData(PersonalDataReseal reseal)
{
    [Function(nameof(ResealPersonalData))]
    public async Task Run([TimerTrigger("0 40 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await reseal.RunAsync(cancellationToken);
}
