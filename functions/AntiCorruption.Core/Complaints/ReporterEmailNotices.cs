using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// News by email for an identified reporter who ticked "notify me": it starts only once they
/// confirm the address is theirs. When the case is stored, one mail goes to the address with a
/// confirmation code; the reporter enters it with their tracking code (<c>POST
/// /api/complaints/email-notifications</c>), which proves both the mailbox and the case. Until
/// then, and after they stop it, nothing more goes there: whoever typed someone else's address
/// sends that person one mail at most, which tells them to ignore it.
/// </summary>
public sealed class ReporterEmailNotices(ReporterCaseLookup cases, ComplaintWork work, KeyedHasher hasher)
{
    public const string Awaiting = "awaiting";
    public const string On = "on";
    public const string Off = "off";
    private const int CodeLength = 8;

    /// <summary>
    /// The code the confirmation mail gives: symbols of a keyed hash of the case id, so that a
    /// notice taken twice mails the same code and nothing of it is stored.
    /// </summary>
    public string ConfirmationCodeOf(string complaintId)
    {
        var mac = hasher.Mac("email-notice-confirmation", Encoding.UTF8.GetBytes(complaintId));
        var symbols = new char[CodeLength];
        for (var i = 0; i < CodeLength; i++)
        {
            symbols[i] = Crockford.Alphabet[mac[i] & 31];
        }

        return $"{new string(symbols, 0, CodeLength / 2)}-{new string(symbols, CodeLength / 2, CodeLength / 2)}";
    }

    /// <summary>
    /// Marks a case whose reporter asked for news by email as awaiting their confirmation, unless
    /// they decided already. True when it awaits it (now, or since an earlier try of the same
    /// notice): the confirmation mail is then due.
    /// </summary>
    public async Task<bool> AwaitConfirmationAsync(string complaintId, CancellationToken cancellationToken)
    {
        var updated = await work.UpdateAsync(complaintId, c =>
        {
            if (c.Reporter is null || c.EmailNotices is not null)
            {
                return false;
            }

            c.EmailNotices = Awaiting;
            return true;
        }, cancellationToken, touch: false);
        return updated?.EmailNotices == Awaiting;
    }

    /// <summary>Body <c>{"trackingCode", "confirmationCode"}</c> turns the mails on; <c>{"trackingCode", "stop": true}</c> turns them off.</summary>
    public async Task<EmailNoticesResult> ChangeAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var code = fields?.Text("confirmationCode", required: false, 32);
        var stop = fields?.Boolean("stop", required: false) is true;
        if (fields is not null && errors.IsEmpty && (code is null) != stop)
        {
            errors.Add("confirmationCode", Messages.ConfirmOrStop);
        }

        ComplaintEntity complaint;
        switch (await cases.FindAsync(fields, errors, cancellationToken))
        {
            case ReporterCase.Found found:
                complaint = found.Complaint;
                break;
            case ReporterCase.Invalid:
                return new EmailNoticesResult.Invalid(errors);
            case ReporterCase.Queued:
                return new EmailNoticesResult.NotStoredYet();
            default:
                return new EmailNoticesResult.NotFound();
        }

        if (complaint.Reporter is null || complaint.EmailNotices is null)
        {
            return new EmailNoticesResult.NothingAsked();
        }

        if (!stop && !IsConfirmationCode(complaint.ComplaintId, code!))
        {
            errors.Add("confirmationCode", Messages.WrongConfirmationCode);
            return new EmailNoticesResult.Invalid(errors);
        }

        var state = stop ? Off : On;
        var updated = await work.UpdateAsync(complaint.ComplaintId, c =>
        {
            if (c.Reporter is null || c.EmailNotices is null || c.EmailNotices == state)
            {
                return false;
            }

            c.EmailNotices = state;
            return true;
        }, cancellationToken, touch: false);
        return updated is { Reporter: not null, EmailNotices: { } now } ? new EmailNoticesResult.Changed(now) : new EmailNoticesResult.NothingAsked();
    }

    /// <summary>Compared in constant time, after the forgiving reading a tracking code gets (case, dashes, spaces, O for 0, I or L for 1).</summary>
    private bool IsConfirmationCode(string complaintId, string input)
    {
        var given = new StringBuilder(CodeLength);
        foreach (var typed in input)
        {
            if (Crockford.Read(typed) is { } c)
            {
                given.Append(c);
            }
        }

        var expected = ConfirmationCodeOf(complaintId).Replace("-", "", StringComparison.Ordinal);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given.ToString()), Encoding.ASCII.GetBytes(expected));
    }
}

public abstract record EmailNoticesResult
{
    private EmailNoticesResult()
    {
    }

    /// <summary>The mails are now <see cref="State"/> (<c>on</c> or <c>off</c>).</summary>
    public sealed record Changed(string State) : EmailNoticesResult;

    /// <summary>The reporter asked for no mails, or their identity (and address) is erased.</summary>
    public sealed record NothingAsked : EmailNoticesResult;

    public sealed record NotStoredYet : EmailNoticesResult;

    public sealed record NotFound : EmailNoticesResult;

    public sealed record Invalid(ValidationErrors Errors) : EmailNoticesResult;
}
