using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Finds the case a reporter names by tracking code, for the routes that take the code alone. A
/// wrong code and an unknown one are the same; a code recorded at intake whose complaint is not
/// stored yet is on the queue while its <see cref="StoringWindow"/> lasts, and unknown after.
/// </summary>
public sealed class ReporterCaseLookup(TrackingCodes trackingCodes, ComplaintStore store, TimeProvider time)
{
    /// <summary>Reads <c>trackingCode</c> from <paramref name="fields"/>; a malformed one is named in <paramref name="errors"/>, and then nothing is looked up.</summary>
    public async Task<ReporterCase> FindAsync(JsonFields? fields, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var input = fields?.Text("trackingCode", required: true, 64);
        var code = "";
        if (input is not null && !TrackingCodes.TryNormalize(input, out code))
        {
            errors.Add("trackingCode", Messages.InvalidTrackingCode);
        }

        if (!errors.IsEmpty)
        {
            return new ReporterCase.Invalid();
        }

        // A code without a complaint code's check was never issued as one (a workshop's
        // confirmation code is not): no storage read is spent on it.
        if (!trackingCodes.IsAuthentic(code))
        {
            return new ReporterCase.Unknown();
        }

        var (recorded, complaint) = await store.FindTrackedAsync(trackingCodes.Hash(code), cancellationToken);
        return (recorded, complaint) switch
        {
            (_, not null) => new ReporterCase.Found(complaint),
            ({ IssuedAt: { } issuedAt }, null) when StoringWindow.IsOpen(issuedAt, time.GetUtcNow()) => new ReporterCase.Queued(),
            _ => new ReporterCase.Unknown(),
        };
    }
}

public abstract record ReporterCase
{
    private ReporterCase()
    {
    }

    public sealed record Found(ComplaintEntity Complaint) : ReporterCase;

    /// <summary>Recorded at intake, still on the queue.</summary>
    public sealed record Queued : ReporterCase;

    public sealed record Unknown : ReporterCase;

    /// <summary>The body was wrong; the errors say where.</summary>
    public sealed record Invalid : ReporterCase;
}
