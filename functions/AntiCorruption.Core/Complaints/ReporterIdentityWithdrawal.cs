using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// A reporter who gave their name turns the case anonymous from now on, with the tracking code
/// alone (PDPA: consent to the use of their identity is withdrawn). Their sealed identity is
/// erased from the case (and the sealed LINE link for news, if they asked for one), the case is anonymous from then on (and counts so in later summaries),
/// and staff see that the reporter withdrew it: the case's <c>identityWithdrawnAt</c>, a history
/// step for staff, and the identity route's answer. The conversation goes on by tracking code as
/// before. What the reporter wrote in the case itself (description, messages) is the case's and
/// stays.
/// <para>
/// Not while staff hold the case's records for legal proceedings (<see cref="ComplaintEntity.LegalHold"/>):
/// then nothing changes and the reporter is told so. A case still on the queue has no stored
/// identity to erase yet: the reporter is asked to try again shortly. Asking again after the
/// switch (or for a case anonymous from the start) changes nothing and answers the same.
/// </para>
/// </summary>
public sealed class ReporterIdentityWithdrawal(ReporterCaseLookup cases, ComplaintWork work, ComplaintHistory history, Line.LineNotifyLinks notifyLinks, TimeProvider time)
{
    /// <summary>The history step staff see; the reporter's own view shows status steps only.</summary>
    public const string HistoryNote = "ผู้แจ้งขอไม่เปิดเผยตัวตนตั้งแต่นี้ไป ข้อมูลตัวตนของผู้แจ้งถูกลบแล้ว (the reporter withdrew their identity; it was erased)";

    public async Task<WithdrawalResult> WithdrawAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ComplaintEntity complaint;
        switch (await cases.FindAsync(JsonFields.ForBody(body, errors), errors, cancellationToken))
        {
            case ReporterCase.Found found:
                complaint = found.Complaint;
                break;
            case ReporterCase.Invalid:
                return new WithdrawalResult.Invalid(errors);
            case ReporterCase.Queued:
                return new WithdrawalResult.NotStoredYet();
            default:
                return new WithdrawalResult.NotFound();
        }

        // The LINE link for news goes with the identity: off the reporter's list first (which is
        // what a push checks), then from the case below.
        if (!complaint.Anonymous && !complaint.LegalHold)
        {
            await notifyLinks.ForgetCaseAsync(complaint, cancellationToken);
        }

        var held = false;
        StatusChange? step = null;
        var updated = await work.UpdateAsync(complaint.ComplaintId, c =>
        {
            if (c.Anonymous)
            {
                return false; // already so: from the start, or since an earlier request
            }

            if (c.LegalHold)
            {
                held = true;
                return false;
            }

            var now = time.GetUtcNow();
            c.Reporter = null;
            c.NotifyLine = null;
            c.EmailNotices = null;
            c.Anonymous = true;
            c.Consent = false;
            c.IdentityWithdrawnAt = now;
            step = new StatusChange(EnumNames.Parse<ComplaintStatus>(c.Status), now, HistoryNote, Changes: [new FieldChange("anonymous", "false", "true")]);
            return true;
        }, cancellationToken);

        if (held)
        {
            return new WithdrawalResult.Held();
        }

        if (step is not null)
        {
            // After the case itself, as every history step is: a try that lost a race adds none.
            await history.AppendAsync(complaint.ComplaintId, step, cancellationToken);
        }

        var withdrawnAt = (updated ?? complaint).IdentityWithdrawnAt;
        return new WithdrawalResult.Anonymous(new AnonymityView(true, withdrawnAt is null ? null : Time.Bangkok.DateOf(withdrawnAt.Value)));
    }
}

/// <summary>
/// The reporter's answer: the case is anonymous; <c>identityWithdrawnAt</c> is the Bangkok date
/// the identity was erased (a date, as every time shown to a reporter is), null for a case that
/// was anonymous from the start.
/// </summary>
public sealed record AnonymityView(bool Anonymous, DateOnly? IdentityWithdrawnAt);

public abstract record WithdrawalResult
{
    private WithdrawalResult()
    {
    }

    public sealed record Anonymous(AnonymityView View) : WithdrawalResult;

    /// <summary>Staff placed a legal hold: nothing changed.</summary>
    public sealed record Held : WithdrawalResult;

    /// <summary>The complaint is still on the queue: nothing to erase yet.</summary>
    public sealed record NotStoredYet : WithdrawalResult;

    public sealed record NotFound : WithdrawalResult;

    public sealed record Invalid(ValidationErrors Errors) : WithdrawalResult;
}
