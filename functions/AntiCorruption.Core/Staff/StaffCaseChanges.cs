using System.Globalization;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// What officers change on a case: its status (along <see cref="ComplaintStatusMoves"/>), a
/// message to the reporter, an internal note. Each only inside the officer's scope, and each
/// audited before it takes effect: an action whose record cannot be written does not happen.
/// </summary>
public sealed class StaffCaseChanges(
    ComplaintStore store,
    ComplaintWork work,
    ComplaintHistory history,
    ConversationStore conversation,
    InternalNotes notes,
    AuditLog audit,
    ComplaintReferences references,
    EventOutbox outbox,
    Notifications.NoticeOutbox notices,
    TimeProvider time)
{
    public const int MaxNote = 2_000;

    private static readonly ComplaintStatus[] StaffStatuses = [ComplaintStatus.UnderReview, ComplaintStatus.Referred, ComplaintStatus.Closed, ComplaintStatus.Dismissed];

    /// <summary>The statuses staff may move a case to.</summary>
    private static readonly string[] StaffStatusNames = StaffStatuses.Select(EnumNames.Of).ToArray();

    /// <summary>
    /// Moves a case on: body <c>{"status","note","public"}</c>. Null when there is no such
    /// complaint; <c>RefusedFrom</c> names the case's status when the move is not one
    /// <see cref="ComplaintStatusMoves"/> allows (nothing is changed then).
    /// </summary>
    public async Task<(StaffComplaintSummary? Complaint, ValidationErrors Errors, ComplaintStatus? RefusedFrom)> ChangeStatusAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var statusText = fields?.Text("status", required: true, 32);
        var note = fields?.Text("note", required: false, MaxNote, multiline: true);
        var isPublic = fields?.Boolean("public", required: false) ?? false;
        ComplaintStatus? status = statusText is null ? null : StaffStatuses.Cast<ComplaintStatus?>().FirstOrDefault(s => EnumNames.Of(s!.Value) == statusText);
        if (statusText is not null && status is null)
        {
            errors.Add("status", Messages.UnknownStatus(StaffStatusNames));
        }

        if (isPublic && note is null && !errors.Has("note"))
        {
            errors.Add("note", Messages.Required);
        }

        if (!errors.IsEmpty)
        {
            return (null, errors, null);
        }

        // Checked on the case as it is, then audited, then changed: an action whose audit record
        // cannot be written does not happen. The change checks again under the ETag, in case
        // another officer moved the case meanwhile.
        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors, null);
        }

        var refusedFrom = Refusal(EnumNames.Parse<ComplaintStatus>(found.Status), status!.Value, note, errors);
        if (refusedFrom is not null || !errors.IsEmpty)
        {
            return (null, errors, refusedFrom);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintStatus, found.Region, complaintId, Detail: $"{found.Status} -> {EnumNames.Of(status.Value)}; note: {(note is null ? "none" : isPublic ? "public" : "internal")}"), cancellationToken);
        string? from = null;
        StatusChange? made = null;
        var updated = await work.UpdateAsync(complaintId, complaint =>
        {
            refusedFrom = Refusal(EnumNames.Parse<ComplaintStatus>(complaint.Status), status.Value, note, errors);
            if (refusedFrom is not null || !errors.IsEmpty)
            {
                return false;
            }

            from = complaint.Status;
            var change = made = new StatusChange(status.Value, time.GetUtcNow(), note, isPublic && note is not null, staff.Id);
            complaint.Status = EnumNames.Of(status.Value);
            complaint.AcknowledgedAt ??= change.At;
            complaint.ClosedAt = complaint.IsFinal ? change.At : null;
            complaint.Acknowledged = true;
            complaint.AcknowledgeOverdue = false;
            if (change.Public || complaint.IsFinal)
            {
                complaint.FeedbackAt ??= change.At;
                complaint.FeedbackGiven = true;
                complaint.FeedbackOverdue = false;
            }

            return true;
        }, cancellationToken);
        if (refusedFrom is not null || !errors.IsEmpty)
        {
            return (null, errors, refusedFrom);
        }

        if (updated is null || from is null)
        {
            return (null, errors, null);
        }

        // After the case itself: the row is added once the change has landed, never for a try
        // that lost to another officer's change.
        await history.AppendAsync(complaintId, made!, cancellationToken);
        // News the reporter can read with their code: a public note, or the case's end. An
        // internal note, or a move they only see as a status step, is not pushed at them.
        if (made!.Public || updated.IsFinal)
        {
            await notices.SendAsync(Notifications.Notice.Of(Notifications.NoticeKinds.CaseNews, $"status|{complaintId}|{made.At.UtcTicks}", complaintId), cancellationToken);
        }

        // By reference and day, held to the day's end (ComplaintEventRelease). The event id still
        // hashes the id and the instant: unknown outside, so no one can search it for the time.
        var reference = references.Of(updated.ComplaintId);
        await outbox.AddComplaintEventAsync(
            IntegrationEvent.Create(EventTypes.ComplaintStatusChanged, reference, $"{complaintId}|{updated.UpdatedAt.UtcTicks}", ComplaintEventRelease.DayOf(updated.UpdatedAt), new Dictionary<string, object?>
            {
                ["reference"] = reference,
                ["from"] = from,
                ["to"] = updated.Status,
                ["region"] = updated.Region,
                ["publicNote"] = isPublic && note is not null,
            }),
            cancellationToken);
        return (StaffComplaintSummary.Of(updated, time.GetUtcNow()), errors, null);
    }

    /// <summary>Writes to the reporter: body <c>{"text"}</c>. Null when there is no such complaint.</summary>
    public async Task<(ConversationMessage? Message, ValidationErrors Errors)> SendMessageAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var text = JsonFields.ForBody(body, errors)?.Text("text", required: true, ConversationStore.MaxText, multiline: true);
        if (text is null)
        {
            return (null, errors);
        }

        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors);
        }

        // Audited before it is sent: a message whose record cannot be written is not sent.
        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintMessage, found.Region, complaintId), cancellationToken);
        await work.UpdateAsync(complaintId, c =>
        {
            c.AcknowledgedAt ??= time.GetUtcNow();
            c.FeedbackAt ??= time.GetUtcNow();
            c.Acknowledged = c.FeedbackGiven = true;
            c.AcknowledgeOverdue = c.FeedbackOverdue = false;
            return true;
        }, cancellationToken);
        var message = await conversation.AddAsync(complaintId, ConversationStore.FromStaff, text, cancellationToken);
        await notices.SendAsync(Notifications.Notice.Of(Notifications.NoticeKinds.CaseNews, $"message|{complaintId}|{message.At.UtcTicks}", complaintId), cancellationToken);
        return (message, errors);
    }

    /// <summary>An internal note: body <c>{"text"}</c>, audited before it is written. Null when there is no such complaint.</summary>
    public async Task<(InternalNote? Note, ValidationErrors Errors)> AddNoteAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var text = JsonFields.ForBody(body, errors)?.Text("text", required: true, InternalNotes.MaxText, multiline: true);
        if (text is null)
        {
            return (null, errors);
        }

        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintNote, found.Region, complaintId), cancellationToken);
        var note = await notes.AddAsync(complaintId, staff.Id, text, cancellationToken);
        await work.TouchAsync(complaintId, cancellationToken);
        return (note, errors);
    }

    /// <summary>The case's status when the move is not allowed; a missing note goes to <paramref name="errors"/>.</summary>
    private static ComplaintStatus? Refusal(ComplaintStatus current, ComplaintStatus to, string? note, ValidationErrors errors)
    {
        if (!ComplaintStatusMoves.IsAllowed(current, to))
        {
            return current;
        }

        if (note is null && ComplaintStatusMoves.NeedsNote(current, to) && !errors.Has("note"))
        {
            errors.Add("note", Messages.Required);
        }

        return null;
    }
}
