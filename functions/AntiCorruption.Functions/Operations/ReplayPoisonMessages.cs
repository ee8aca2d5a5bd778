using AntiCorruption.Core.Operations;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// Takes a request <c>{"queue":"complaints","before":"..."}</c> from the <c>poison-replays</c>
/// queue (<c>scripts/replay-poison.sh</c>) and moves that queue's poison messages back (docs/RUNBOOKS.md).
/// </summary>
internal sealed class ReplayPoisonMessages(PoisonReplay replay)
{
    [Function(nameof(ReplayPoisonMessages))]
    public Task Run(
        [QueueTrigger(PoisonReplay.RequestsQueue)] string request,
        CancellationToken cancellationToken) =>
        replay.HandleAsync(request, cancellationToken);
}
