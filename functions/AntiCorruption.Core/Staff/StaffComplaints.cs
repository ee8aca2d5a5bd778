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
/// What regional officers do with complaints: list, read, move on, write to the reporter, each
/// only inside the officer's scope (a case of another region answers as one that does not exist).
/// Every read of personal data and every change leaves an audit row first.
/// </summary>
public sealed class StaffComplaints(
    ComplaintStore store,
    ComplaintWork work,
    ComplaintHistory history,
    ConversationStore conversation,
    InternalNotes notes,
    Tracking.TrackingCodes trackingCodes,
    AttachmentStore attachments,
    AuditLog audit,
    EventOutbox outbox,
    PiiProtector pii,
    ReferenceData.ReferenceCatalog catalog,
    TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxNote = 2_000;

    private static readonly ComplaintStatus[] StaffStatuses = [ComplaintStatus.UnderReview, ComplaintStatus.Referred, ComplaintStatus.Closed, ComplaintStatus.Dismissed];

    /// <summary>Every status a complaint can be in, as the list filter takes them.</summary>
    private static readonly string[] ListableStatusNames = Enum.GetValues<ComplaintStatus>().Select(EnumNames.Of).ToArray();

    /// <summary>The statuses staff may move a case to.</summary>
    private static readonly string[] StaffStatusNames = StaffStatuses.Select(EnumNames.Of).ToArray();

    /// <summary>The query of <c>GET /api/staff/complaints</c>, as sent: each parameter is checked and named when wrong.</summary>
    public async Task<(StaffComplaintPage? Page, ValidationErrors Errors)> ListAsync(
        StaffMember staff, Func<string, string?> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var year = FiscalYear.Of(now);
        if (query("fiscalYear") is { } fiscalYear && !FiscalYear.TryParse(fiscalYear, out year))
        {
            errors.Add("fiscalYear", Messages.InvalidFiscalYear);
        }

        int? regionNumber = null;
        if (query("region") is { } region)
        {
            if (TryNumber(region, 0, 9, out var r))
            {
                regionNumber = r;
            }
            else
            {
                errors.Add("region", Messages.InvalidRegion);
            }
        }

        var status = query("status");
        var statusName = status is null ? null : ListableStatusNames.FirstOrDefault(n => n == status);
        if (status is not null && statusName is null)
        {
            errors.Add("status", Messages.UnknownStatus(ListableStatusNames));
        }

        var category = query("category");
        if (category is not null && catalog.FindCategory(category) is null)
        {
            errors.Add("category", Messages.UnknownCategory);
        }

        var province = query("province")?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            errors.Add("province", Messages.UnknownProvince);
        }

        var overdue = query("overdue");
        if (overdue is not null and not ("true" or "false"))
        {
            errors.Add("overdue", Messages.MustBeBoolean);
        }

        var from = Date(query("from"), "from", errors);
        var to = Date(query("to"), "to", errors);
        var agency = query("q");
        if (agency is not null && agency.Length > 300)
        {
            errors.Add("q", Messages.TooLong(300));
        }

        var pageSize = query("pageSize");
        var continuationToken = query("continuationToken");
        var size = DefaultPageSize;
        if (pageSize is not null && !TryNumber(pageSize, 1, MaxPageSize, out size))
        {
            errors.Add("pageSize", Messages.OutOfRange(1, MaxPageSize));
        }

        var after = continuationToken is null ? null : DecodeToken(continuationToken);
        if (continuationToken is not null && after is null)
        {
            errors.Add("continuationToken", Messages.InvalidContinuation);
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        // Head office asking for every region needs no region filter at all.
        var regions = staff.Scope.IsAll && regionNumber is null ? null : staff.Scope.Narrow(regionNumber);
        if (regions is { Count: 0 })
        {
            return (new StaffComplaintPage([], null), errors);
        }

        var filter = new ComplaintListFilter(
            regions, statusName, category, province,
            OverdueAt: overdue == "true" ? now : null,
            From: from is null ? null : Bangkok.StartOf(from.Value),
            Before: to is null ? null : Bangkok.StartOf(to.Value.AddDays(1)),
            Agency: agency);
        var (rows, next) = await store.ListAsync(year, filter, after, size, cancellationToken);
        return (new StaffComplaintPage(rows.Select(Summarize).ToArray(), next is null ? null : EncodeToken(next)), errors);
    }

    public async Task<StaffComplaintView?> GetAsync(StaffMember staff, string complaintId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var complaint = await store.GetAsync(complaintId, cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region))
        {
            return null;
        }

        // The case, never the reporter's identity: that is ReporterIdentityAccess's, with a reason.
        await audit.RecordAsync(staff.Id, "complaint.read", complaint.ComplaintId, "case details", cancellationToken);
        var ids = JsonSerializer.Deserialize<string[]>(complaint.AttachmentIds, JsonDefaults.Options) ?? [];
        var files = await Task.WhenAll(ids.Select(id => attachments.EvidenceOfAsync(id, complaint.ComplaintId, cancellationToken)));
        return new StaffComplaintView(
            Summarize(complaint),
            pii.OpenJson<CaseDetails>(complaint.Details, ComplaintMessage.DetailsContext(complaint.ComplaintId)),
            complaint.IncidentDate is null ? null : DateOnly.ParseExact(complaint.IncidentDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            complaint.AmountThb,
            complaint.Consent,
            await history.ReadAsync(complaint, cancellationToken),
            await conversation.ReadAsync(complaint.ComplaintId, cancellationToken),
            await notes.ReadAsync(complaint.ComplaintId, cancellationToken),
            files.OfType<EvidenceFile>()
                .Select(f => new StaffAttachment(f.AttachmentId, f.ContentType, f.Size, f.Sha256, $"/api/staff/complaints/{complaint.ComplaintId}/attachments/{f.AttachmentId}"))
                .ToArray());
    }

    /// <summary>
    /// One evidence file of a case, for download: null unless the case is in the officer's scope
    /// and the file is that case's. The download is audited before the file is handed over.
    /// </summary>
    public async Task<(EvidenceFile File, Azure.Storage.Blobs.BlobClient Blob)?> OpenEvidenceAsync(StaffMember staff, string complaintId, string attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var complaint = await store.GetAsync(complaintId, cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region) || !AttachmentStore.IsValidId(attachmentId))
        {
            return null;
        }

        var file = await attachments.EvidenceOfAsync(attachmentId, complaint.ComplaintId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        await audit.RecordAsync(staff.Id, "complaint.evidence", complaint.ComplaintId, $"attachment {attachmentId}", cancellationToken);
        return (file, attachments.BlobOf(attachmentId));
    }

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

        await audit.RecordAsync(staff.Id, "complaint.status", complaintId, $"{found.Status} -> {EnumNames.Of(status.Value)}; note: {(note is null ? "none" : isPublic ? "public" : "internal")}", cancellationToken);
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
        await outbox.AddAsync(
            IntegrationEvent.Create(EventTypes.ComplaintStatusChanged, complaintId, $"{complaintId}|{updated.UpdatedAt.UtcTicks}", updated.UpdatedAt, new Dictionary<string, object?>
            {
                ["complaintId"] = complaintId,
                ["from"] = from,
                ["to"] = updated.Status,
                ["region"] = updated.Region,
                ["publicNote"] = isPublic && note is not null,
            }),
            cancellationToken);
        return (Summarize(updated), errors, null);
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
        await audit.RecordAsync(staff.Id, "complaint.message", complaintId, "message to the reporter", cancellationToken);
        await work.UpdateAsync(complaintId, c =>
        {
            c.AcknowledgedAt ??= time.GetUtcNow();
            c.Acknowledged = c.FeedbackGiven = true;
            c.AcknowledgeOverdue = c.FeedbackOverdue = false;
            return true;
        }, cancellationToken);
        return (await conversation.AddAsync(complaintId, ConversationStore.FromStaff, text, cancellationToken), errors);
    }

    /// <summary>
    /// The hotline's lookup: body <c>{"trackingCode"}</c>, as a reporter reads it out on the
    /// phone; the case's id, or null when there is none in the officer's scope. Audited, since it
    /// ties a reporter's code to a case.
    /// </summary>
    public async Task<(CaseReference? Case, ValidationErrors Errors)> LookUpAsync(StaffMember staff, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var input = JsonFields.ForBody(body, errors)?.Text("trackingCode", required: true, 64);
        var code = "";
        if (input is not null && !Tracking.TrackingCodes.TryNormalize(input, out code))
        {
            errors.Add("trackingCode", Messages.InvalidTrackingCode);
        }

        if (!errors.IsEmpty || !trackingCodes.IsAuthentic(code))
        {
            return (null, errors);
        }

        var complaint = await store.FindByTrackingHashAsync(trackingCodes.Hash(code), cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff.Id, "complaint.lookup", complaint.ComplaintId, "found by tracking code", cancellationToken);
        return (new CaseReference(complaint.ComplaintId), errors);
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

        await audit.RecordAsync(staff.Id, "complaint.note", complaintId, "internal note", cancellationToken);
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

    private StaffComplaintSummary Summarize(ComplaintEntity c)
    {
        var now = time.GetUtcNow();
        return new StaffComplaintSummary(
            c.ComplaintId,
            c.ReceivedAt,
            c.UpdatedAt,
            EnumNames.Parse<ComplaintStatus>(c.Status),
            EnumNames.Parse<ComplaintChannel>(c.Channel),
            c.Category,
            c.Province,
            c.Region,
            c.Agency,
            c.Anonymous,
            c.AcknowledgeBy,
            c.FeedbackDueBy,
            !c.Acknowledged && now > c.AcknowledgeBy,
            !c.FeedbackGiven && !c.IsFinal && now > c.FeedbackDueBy);
    }

    /// <summary>A Bangkok calendar date written YYYY-MM-DD, or null (with an error when it was given and is not one).</summary>
    private static DateOnly? Date(string? text, string name, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1950 and <= 2200)
        {
            return date;
        }

        errors.Add(name, Messages.InvalidDate);
        return null;
    }

    private static bool TryNumber(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static string EncodeToken(string rowKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? DecodeToken(string token)
    {
        var padded = token.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var length))
        {
            return null;
        }

        var rowKey = Encoding.UTF8.GetString(bytes, 0, length);
        return rowKey.Length == 26 && rowKey.All(Tracking.Crockford.IsSymbol)
            && ComplaintIds.IsValid(ComplaintEntity.RowKeyOf(rowKey))
            ? rowKey
            : null;
    }
}
