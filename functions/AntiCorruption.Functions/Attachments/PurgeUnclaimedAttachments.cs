using AntiCorruption.Core.Attachments;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Functions.Attachments;

/// <summary>Every hour: deletes uploads that no complaint claimed within 24 hours.</summary>
internal sealed partial class PurgeUnclaimedAttachments(AttachmentStore attachments, ILogger<PurgeUnclaimedAttachments> logger)
{
    [Function(nameof(PurgeUnclaimedAttachments))]
    public async Task Run([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var purged = await attachments.PurgeUnclaimedAsync(cancellationToken);
        LogPurged(logger, purged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} attachments no complaint claimed within 24 hours")]
    private static partial void LogPurged(ILogger logger, int count);
}
