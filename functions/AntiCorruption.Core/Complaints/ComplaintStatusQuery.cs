using System.Text.Json;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The reporter's way back in, by tracking code alone: their view of the case, and answering
/// staff. A wrong code and an unknown one get the same answer. A code is a case only when it was
/// recorded at intake: a workshop confirmation code, or a code whose complaint was never stored
/// once its <see cref="StoringWindow"/> has passed, is unknown.
/// </summary>
public sealed class ComplaintStatusQuery(ReporterCaseLookup cases, ComplaintHistory history, ConversationStore conversation, ComplaintWork work, Notifications.NoticeOutbox notices)
{
    /// <summary>A code recorded at intake whose complaint is not stored yet is on the queue: received.</summary>
    private static readonly ComplaintStatusView StillQueued =
        new(ComplaintStatus.Received, null, null, null, [new HistoryEntry(ComplaintStatus.Received, null, null)], []);

    public async Task<StatusResult> FindAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var lookup = await LookUpAsync(body, null, cancellationToken);
        return lookup switch
        {
            Lookup.Found found => new StatusResult.Found(await ViewOfAsync(found.Complaint, cancellationToken)),
            Lookup.Queued => new StatusResult.Found(StillQueued),
            Lookup.Invalid invalid => new StatusResult.Invalid(invalid.Errors),
            _ => new StatusResult.NotFound(),
        };
    }

    /// <summary>The reporter adds a message; answered 201 with the message, 404 for an unknown code.</summary>
    public async Task<MessageResult> AddReporterMessageAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var lookup = await LookUpAsync(body, "text", cancellationToken);
        switch (lookup)
        {
            case Lookup.Invalid invalid:
                return new MessageResult.Invalid(invalid.Errors);
            case Lookup.Found found:
                var message = await conversation.AddAsync(found.Complaint.ComplaintId, ConversationStore.FromReporter, found.Text!, cancellationToken);
                await work.TouchAsync(found.Complaint.ComplaintId, cancellationToken);
                if (found.Complaint.Assignee is not null)
                {
                    // One mail an hour a case at most, however often the reporter writes.
                    var hour = message.At.UtcTicks / TimeSpan.TicksPerHour;
                    await notices.SendAsync(Notifications.Notice.Of(Notifications.NoticeKinds.CaseAnswer, $"{found.Complaint.ComplaintId}|{found.Complaint.Assignee}|{hour}", found.Complaint.ComplaintId), cancellationToken);
                }

                return new MessageResult.Added(ReporterMessage.Of(message));
            default:
                // Not stored yet, or no such code: either way there is no case to write to.
                return new MessageResult.NotFound();
        }
    }

    private async Task<Lookup> LookUpAsync(JsonElement body, string? textField, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var text = textField is null ? null : fields?.Text(textField, required: true, ConversationStore.MaxText, multiline: true);
        return await cases.FindAsync(fields, errors, cancellationToken) switch
        {
            ReporterCase.Found found => new Lookup.Found(found.Complaint, text),
            ReporterCase.Queued => new Lookup.Queued(),
            ReporterCase.Invalid => new Lookup.Invalid(errors),
            _ => new Lookup.Unknown(),
        };
    }

    /// <summary>The case as its reporter sees it: Bangkok dates, never times (see <see cref="ReporterReceipt"/>).</summary>
    private async Task<ComplaintStatusView> ViewOfAsync(ComplaintEntity complaint, CancellationToken cancellationToken)
    {
        var messages = await conversation.ReadAsync(complaint.ComplaintId, cancellationToken);
        return new(
            Json.EnumNames.Parse<ComplaintStatus>(complaint.Status),
            Time.Bangkok.DateOf(complaint.ReceivedAt),
            Time.Bangkok.DateOf(complaint.UpdatedAt),
            complaint.Region,
            // Internal notes, who wrote a note, and reclassifications (with their reasons) stay with staff.
            (await history.ReadAsync(complaint, cancellationToken)).Where(h => h.IsStatusStep).Select(h => new HistoryEntry(h.Status, Time.Bangkok.DateOf(h.At), h.Public ? h.Note : null)).ToArray(),
            messages.Messages.Select(ReporterMessage.Of).ToArray(),
            messages.EarlierOmitted,
            complaint.Reporter is null ? null : complaint.EmailNotices);
    }

    private abstract record Lookup
    {
        public sealed record Found(ComplaintEntity Complaint, string? Text) : Lookup;

        public sealed record Queued : Lookup;

        public sealed record Unknown : Lookup;

        public sealed record Invalid(ValidationErrors Errors) : Lookup;
    }
}

public abstract record StatusResult
{
    private StatusResult()
    {
    }

    public sealed record Found(ComplaintStatusView View) : StatusResult;

    public sealed record NotFound : StatusResult;

    public sealed record Invalid(ValidationErrors Errors) : StatusResult;
}

public abstract record MessageResult
{
    private MessageResult()
    {
    }

    public sealed record Added(ReporterMessage Message) : MessageResult;

    public sealed record NotFound : MessageResult;

    public sealed record Invalid(ValidationErrors Errors) : MessageResult;
}
