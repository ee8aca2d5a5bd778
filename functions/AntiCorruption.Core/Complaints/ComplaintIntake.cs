using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Takes a complaint in from any channel: validates it, makes its tracking code and id, seals
/// what is personal, and queues it. The answer is given only once the queue has the message, so
/// an accepted complaint is never lost; storing it is the processor's job.
/// </summary>
public sealed partial class ComplaintIntake(
    ComplaintValidator validator,
    TrackingCodes trackingCodes,
    PiiProtector pii,
    ReferenceCatalog catalog,
    ComplaintQueueWriter queue,
    IdempotencyStore idempotency,
    AttachmentStore attachments,
    TimeProvider time,
    ILogger<ComplaintIntake> logger)
{
    /// <param name="body">The parsed request body.</param>
    /// <param name="rawBody">The bytes of the body, to tell a true retry from a different request with the same key.</param>
    /// <param name="idempotencyKey">The client's <c>Idempotency-Key</c>, already checked for format, or null.</param>
    public async Task<IntakeResult> SubmitAsync(JsonElement body, ReadOnlyMemory<byte> rawBody, string? idempotencyKey, ComplaintChannel channel, CancellationToken cancellationToken)
    {
        var submission = validator.Validate(body, out var errors);
        if (submission is null || !await AttachmentsAreFreeAsync(submission, errors, cancellationToken))
        {
            return new IntakeResult.Invalid(errors);
        }

        var receivedAt = time.GetUtcNow();
        var complaintId = ComplaintIds.New(receivedAt);
        var code = trackingCodes.New();
        var receipt = new ComplaintReceipt(
            code,
            ComplaintStatus.Received,
            receivedAt,
            catalog.RegionOf(submission.Province),
            ComplaintDeadlines.AcknowledgeBy(receivedAt),
            ComplaintDeadlines.FeedbackDueBy(receivedAt));

        if (idempotencyKey is null)
        {
            await queue.SendAsync(ToMessage(submission, complaintId, receipt, channel), cancellationToken);
            LogAccepted(logger, complaintId, channel);
            return new IntakeResult.Accepted(receipt);
        }

        var claim = await idempotency.ClaimAsync(idempotencyKey, SHA256.HashData(rawBody.Span), receipt, complaintId, cancellationToken);
        if (!claim.SameRequest)
        {
            return new IntakeResult.KeyReused();
        }

        // A retry queues the first request's complaint again: if the first attempt died between
        // claiming the key and queueing, or queued it but its answer was lost as storage went
        // down, this is what makes it whole, and the processor stores a complaint id only once.
        // So the claim is kept when queueing fails: given up, the retry would make a second complaint.
        await queue.SendAsync(ToMessage(submission, claim.ComplaintId, claim.Receipt, channel), cancellationToken);

        LogAccepted(logger, claim.ComplaintId, channel);
        return new IntakeResult.Accepted(claim.Receipt);
    }

    /// <summary>Every named attachment must have been uploaded and not yet be part of another complaint.</summary>
    private async Task<bool> AttachmentsAreFreeAsync(ComplaintSubmission submission, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(submission.AttachmentIds.Select(id => attachments.FindAsync(id, cancellationToken)));
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null)
            {
                errors.Add($"attachmentIds[{i}]", Messages.UnknownAttachment);
            }
            else if (rows[i]!.ComplaintId.Length > 0)
            {
                errors.Add($"attachmentIds[{i}]", Messages.AttachmentAlreadyUsed);
            }
        }

        return errors.IsEmpty;
    }

    private ComplaintMessage ToMessage(ComplaintSubmission submission, string complaintId, ComplaintReceipt receipt, ComplaintChannel channel) =>
        new(
            ComplaintMessage.CurrentVersion,
            complaintId,
            trackingCodes.Hash(receipt.TrackingCode),
            receipt.ReceivedAt,
            channel,
            submission.Category,
            submission.Province,
            receipt.Region,
            submission.Agency,
            submission.IncidentDate,
            submission.AmountThb,
            submission.Anonymous,
            submission.Consent,
            submission.AttachmentIds,
            pii.SealJson(submission.Details, ComplaintMessage.DetailsContext(complaintId)),
            submission.Reporter is null ? null : pii.SealJson(submission.Reporter, ComplaintMessage.ReporterContext(complaintId)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted complaint {ComplaintId} from {Channel}")]
    private static partial void LogAccepted(ILogger logger, string complaintId, ComplaintChannel channel);
}

/// <summary>What intake made of a submission.</summary>
public abstract record IntakeResult
{
    private IntakeResult()
    {
    }

    public sealed record Accepted(ComplaintReceipt Receipt) : IntakeResult;

    public sealed record Invalid(ValidationErrors Errors) : IntakeResult;

    /// <summary>The Idempotency-Key was first used with a different body.</summary>
    public sealed record KeyReused : IntakeResult;
}
