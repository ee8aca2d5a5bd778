using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Summaries;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>Compiles one queued fiscal year; a year already being compiled is not compiled twice at once.</summary>
internal sealed class CompileSummary(SummaryArchive archive)
{
    [Function(nameof(CompileSummary))]
    public Task Run([QueueTrigger(StorageNames.SummaryCompilesQueue)] string message, CancellationToken cancellationToken) =>
        archive.CompileQueuedAsync(message, cancellationToken);
}
