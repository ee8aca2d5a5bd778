using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Takes a complaint in from any channel: validates it, makes its tracking code and id, claims
/// its evidence files, seals what is personal, and queues it. The answer is given only once the
/// queue has the message, so an accepted complaint is never lost; storing it is the processor's job.
/// </summary>
public sealed partial class ComplaintIntake(
    ComplaintValidator validator,
    TrackingCodes trackingCodes,
    PiiProtector pii,
    ReferenceCatalog catalog,
    ComplaintQueueWriter queue,
    ComplaintStore store,
    IdempotencyStore idempotency,
    AttachmentStore attachments,
    ClientRateLimits limits,
    TimeProvider time,
    ILogger<ComplaintIntake> logger)
{
    /// <param name="body">The parsed request body.</param>
    /// <param name="rawBody">The bytes of the body, to tell a true retry from a different request with the same key.</param>
    /// <param name="idempotencyKey">The client's <c>Idempotency-Key</c>, already checked for format, or null.</param>
    /// <param name="client">
    /// The client whose accepted complaints are counted against the hourly limit, and refused ones
    /// against a higher bound; null where the channel has limits of its own (LINE).
    /// </param>
    public Task<IntakeResult> SubmitAsync(JsonElement body, ReadOnlyMemory<byte> rawBody, string? idempotencyKey, ComplaintChannel channel, string? client, CancellationToken cancellationToken) =>
        SubmitAsync(body, rawBody, idempotencyKey, channel, client, notify: null, cancellationToken);

    /// <param name="notify">
    /// The reporter asked to be told when there is news (LINE): their id is sealed into the message
    /// for the case, and <see cref="NotifyLink.RecordAsync"/> is told the complaint id before the
    /// message is queued, so a case is never linked without the reporter being able to stop it.
    /// </param>
    public async Task<IntakeResult> SubmitAsync(JsonElement body, ReadOnlyMemory<byte> rawBody, string? idempotencyKey, ComplaintChannel channel, string? client, NotifyLink? notify, CancellationToken cancellationToken)
    {
        var requestHash = SHA256.HashData(rawBody.Span);
        // A retry of a request already answered gets that answer whatever the limits say: the
        // tracking code in it is the reporter's only way back to the case.
        var earlier = idempotencyKey is null ? null : await idempotency.FindAsync(idempotencyKey, requestHash, cancellationToken);
        if (earlier is { SameRequest: false })
        {
            return new IntakeResult.KeyReused();
        }

        var counted = earlier is null && client is not null;
        if (counted && await limits.HasRoomAsync(RateLimitedAction.RefusedComplaint, client!, cancellationToken) is { Allowed: false } full)
        {
            return new IntakeResult.Limited(full.RetryAfter);
        }

        var submission = validator.Validate(body, out var errors);
        var files = submission is null ? [] : await FreeAttachmentsAsync(submission, earlier?.ComplaintId, errors, cancellationToken);
        if (submission is null || !errors.IsEmpty)
        {
            if (counted)
            {
                await limits.CountAsync(RateLimitedAction.RefusedComplaint, client!, cancellationToken);
            }

            return new IntakeResult.Invalid(errors);
        }

        if (counted && await limits.TryAcquireAsync(RateLimitedAction.Complaint, client!, cancellationToken) is { Allowed: false } limited)
        {
            return new IntakeResult.Limited(limited.RetryAfter);
        }

        var receivedAt = time.GetUtcNow();
        var receipt = new ComplaintReceipt(
            trackingCodes.New(),
            ComplaintStatus.Received,
            receivedAt,
            catalog.RegionOf(submission.Province),
            ComplaintDeadlines.AcknowledgeBy(receivedAt),
            ComplaintDeadlines.FeedbackDueBy(receivedAt));
        var complaintId = ComplaintIds.New(receivedAt);
        var keyClaimedNow = false;
        if (idempotencyKey is not null && earlier is null)
        {
            var claim = await idempotency.ClaimAsync(idempotencyKey, requestHash, receipt, complaintId, cancellationToken);
            // Unless a twin sent at the same moment claimed the key first: then this is its retry.
            keyClaimedNow = claim.IsNew;
            earlier = claim.IsNew ? null : claim;
            if (earlier is { SameRequest: false })
            {
                return new IntakeResult.KeyReused();
            }
        }

        if (earlier is not null)
        {
            (complaintId, receipt) = (earlier.ComplaintId, earlier.Receipt);
        }

        if (notify is not null)
        {
            await notify.RecordAsync(complaintId, cancellationToken);
        }

        if (!await ClaimAttachmentsAsync(files, complaintId, errors, cancellationToken))
        {
            if (keyClaimedNow)
            {
                await idempotency.ReleaseAsync(idempotencyKey!, cancellationToken);
            }

            return new IntakeResult.Invalid(errors);
        }

        // A retry queues the first request's complaint again: if the first attempt died between
        // claiming the key and queueing, or queued it but its answer was lost as storage went
        // down, this is what makes it whole, and the processor stores a complaint id only once.
        // So the claim is kept when queueing fails: given up, the retry would make a second complaint.
        // The code's row goes in beside the message, at the same time, so the answer waits for
        // the slower of the two, not both.
        var message = ToMessage(submission, complaintId, receipt, channel) with { NotifyLine = notify?.Seal(complaintId) };
        await Task.WhenAll(queue.SendAsync(message, cancellationToken), RecordCodeAsync(message, cancellationToken));
        LogAccepted(logger);
        return new IntakeResult.Accepted(receipt);
    }

    /// <summary>
    /// Writes the code's index row now rather than when the complaint is stored: it is how the
    /// status route knows the code was given out while the complaint is on the queue, and since
    /// when (<see cref="StoringWindow"/>). The queue message, not this row, is what makes the
    /// complaint durable, so a storage failure here does not fail the intake: the processor writes
    /// the row when it stores the complaint, and until then the code answers as unknown. A retry
    /// finds the row already there.
    /// </summary>
    private async Task RecordCodeAsync(ComplaintMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await store.AddCodeIfAbsentAsync(TrackingCodeEntity.For(message.TrackingHash, message.ComplaintId, message.ReceivedAt), cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            LogCodeNotRecorded(logger, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Every named attachment must have been uploaded and not be part of another complaint (a
    /// retry's files are its first attempt's); the rows as read, for the claim.
    /// </summary>
    private async Task<AttachmentEntity[]> FreeAttachmentsAsync(ComplaintSubmission submission, string? ownComplaintId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(submission.AttachmentIds.Select(id => attachments.FindAsync(id, cancellationToken)));
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null)
            {
                errors.Add($"attachmentIds[{i}]", Messages.UnknownAttachment);
            }
            else if (rows[i]!.ComplaintId.Length > 0 && rows[i]!.ComplaintId != ownComplaintId)
            {
                errors.Add($"attachmentIds[{i}]", Messages.AttachmentAlreadyUsed);
            }
        }

        return rows.OfType<AttachmentEntity>().ToArray();
    }

    /// <summary>
    /// Claims every file for the complaint, before the answer, so that of two complaints naming
    /// one file at the same moment exactly one is accepted with it and the other is told now,
    /// while its reporter is still at the form. If one claim is lost, the others are given back.
    /// </summary>
    private async Task<bool> ClaimAttachmentsAsync(AttachmentEntity[] files, string complaintId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var held = await Task.WhenAll(files.Select(file => attachments.ClaimAsync(file, complaintId, cancellationToken)));
        for (var i = 0; i < held.Length; i++)
        {
            if (!held[i])
            {
                errors.Add($"attachmentIds[{i}]", Messages.AttachmentAlreadyUsed);
            }
        }

        if (errors.IsEmpty)
        {
            return true;
        }

        await Task.WhenAll(files.Where((_, i) => held[i]).Select(file => attachments.ReleaseAsync(file.RowKey, complaintId, cancellationToken)));
        return false;
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

    /// <summary>
    /// Names nothing of the complaint, not even its channel: the line's own time is the receipt
    /// time, and anything the exports also carry (the id, the channel) would tie that time to a
    /// row an agency can read.
    /// </summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted a complaint")]
    private static partial void LogAccepted(ILogger logger);

    /// <summary>Names no complaint either, for the same reason: written at the moment of receipt.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "A complaint is queued but its tracking code's row was not written ({Error}); the processor writes it")]
    private static partial void LogCodeNotRecorded(ILogger logger, string error);
}

/// <summary>
/// A reporter's request to be told when there is news on their case, where the channel can tell
/// them (LINE): <paramref name="Seal"/> makes the case's sealed link from its id, and
/// <paramref name="RecordAsync"/> lists the case where the reporter can stop it.
/// </summary>
public sealed record NotifyLink(Func<string, byte[]> Seal, Func<string, CancellationToken, Task> RecordAsync);

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

    /// <summary>The client has used up its hourly limit; it may try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Limited(TimeSpan RetryAfter) : IntakeResult;
}
