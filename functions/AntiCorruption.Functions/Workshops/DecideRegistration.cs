using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>Confirms or waitlists each queued registration; any number of instances may run at once.</summary>
internal sealed class DecideRegistration(RegistrationDesk desk)
{
    [Function(nameof(DecideRegistration))]
    public Task Run([QueueTrigger(StorageNames.RegistrationsQueue)] string message, CancellationToken cancellationToken) =>
        desk.DecideAsync(message, cancellationToken);
}
