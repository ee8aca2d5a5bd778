using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Stores a queued complaint. Both writes are inserts keyed by ids made at intake, so a message
/// delivered twice, or redelivered after a crash between the writes, ends in one complaint.
/// </summary>
public sealed partial class ComplaintProcessor(ComplaintStore store, ComplaintHistory history, AttachmentStore attachments, ComplaintReferences references, EventOutbox outbox, Notifications.NoticeOutbox notices, TimeProvider time, ILogger<ComplaintProcessor> logger)
{
    /// <summary>
    /// Stores one message's complaint, in a span that continues the trace of the request that
    /// queued it (<see cref="QueueTrace"/>): the table writes below are its children.
    /// </summary>
    public async Task ProcessAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = ComplaintQueueWriter.Deserialize(messageText);
        using var span = QueueTrace.StartProcess(StorageNames.ComplaintsQueue, message.TraceParent);
        try
        {
            await StoreAsync(message, cancellationToken);
        }
        catch (Exception ex)
        {
            AppTelemetry.RecordFailure(span, ex);
            throw;
        }
    }

    private async Task StoreAsync(ComplaintMessage message, CancellationToken cancellationToken)
    {
        var registeredAt = time.GetUtcNow();
        var partition = ComplaintEntity.PartitionOf(message.ComplaintId);
        var complaint = new ComplaintEntity
        {
            PartitionKey = partition,
            RowKey = ComplaintEntity.RowKeyOf(message.ComplaintId),
            ComplaintId = message.ComplaintId,
            TrackingHash = message.TrackingHash,
            Status = EnumNames.Of(ComplaintStatus.Registered),
            FiscalYear = Time.FiscalYear.Of(message.ReceivedAt).BuddhistYear,
            ReceivedAt = message.ReceivedAt,
            UpdatedAt = registeredAt,
            Channel = EnumNames.Of(message.Channel),
            Category = message.Category,
            Province = message.Province,
            Region = message.Region,
            Agency = message.Agency,
            IncidentDate = message.IncidentDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            AmountThb = message.AmountThb is null ? null : (double)message.AmountThb.Value,
            Anonymous = message.Anonymous,
            Consent = message.Consent,
            Details = message.Details,
            Reporter = message.Reporter,
            NotifyLine = message.NotifyLine,
            AcknowledgeBy = ComplaintDeadlines.AcknowledgeBy(message.ReceivedAt),
            FeedbackDueBy = ComplaintDeadlines.FeedbackDueBy(message.ReceivedAt),
        };
        history.WriteFirst(complaint, [new StatusChange(ComplaintStatus.Received, message.ReceivedAt), new StatusChange(ComplaintStatus.Registered, registeredAt)]);

        // Intake claimed the files; confirming marks them claimed before the complaint is stored,
        // and a redelivery confirms them again for the same id, which changes nothing. The
        // complaint lists only the files it holds, so that a message queued before intake decided
        // claims cannot put one file under two cases.
        var held = new List<string>(message.AttachmentIds.Count);
        foreach (var attachmentId in message.AttachmentIds)
        {
            if (await attachments.ConfirmAsync(attachmentId, message.ComplaintId, cancellationToken))
            {
                held.Add(attachmentId);
            }
        }

        complaint.AttachmentIds = JsonSerializer.Serialize(held, JsonDefaults.Options);

        // The two rows are in different tables and independent (a status lookup that finds the
        // code before the complaint answers "received"), so they are written side by side. Intake
        // has normally written the code's row already; it is written here for a message queued
        // before intake did, or whose intake could not.
        var stored = store.AddIfAbsentAsync(complaint, cancellationToken);
        var code = store.AddCodeIfAbsentAsync(TrackingCodeEntity.For(message.TrackingHash, message.ComplaintId, message.ReceivedAt), cancellationToken);
        await Task.WhenAll(stored, code);

        // Again on a redelivery: the first try may have died before this line; the event id is
        // the same, so subscribers see it once. The case goes by its reference and its day, and
        // the event waits for the day to end: see ComplaintEventRelease.
        var reference = references.Of(message.ComplaintId);
        // The region's officers are told now (the event waits for the day's end); again on a
        // redelivery, with the same id, so each officer is mailed once.
        await notices.SendAsync(Notifications.Notice.Of(Notifications.NoticeKinds.CaseNew, message.ComplaintId, message.ComplaintId), cancellationToken);
        await outbox.AddComplaintEventAsync(
            IntegrationEvent.Create(EventTypes.ComplaintRegistered, reference, message.ComplaintId, ComplaintEventRelease.DayOf(registeredAt), new Dictionary<string, object?>
            {
                ["reference"] = reference,
                ["fiscalYear"] = complaint.FiscalYear,
                ["region"] = message.Region,
                ["province"] = message.Province,
                ["category"] = message.Category,
                ["channel"] = complaint.Channel,
                ["anonymous"] = message.Anonymous,
                ["receivedOn"] = Time.Bangkok.DateOf(message.ReceivedAt),
            }),
            cancellationToken);

        if (await stored)
        {
            LogStored(logger, partition);
        }
        else
        {
            LogRedelivered(logger, partition);
        }
    }

    // These lines are written seconds after a complaint's receipt, so they name no complaint: the
    // partition (fiscal year and a random shard) is all, and no export carries the shard.
    [LoggerMessage(Level = LogLevel.Information, Message = "Stored a complaint in partition {Partition}")]
    private static partial void LogStored(ILogger logger, string partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "A complaint in partition {Partition} was already stored; redelivery ignored")]
    private static partial void LogRedelivered(ILogger logger, string partition);
}
