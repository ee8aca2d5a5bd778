using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Complaints;

/// <summary>Answers a reporter who comes back with their tracking code.</summary>
public sealed class ComplaintStatusQuery(TrackingCodes trackingCodes, ComplaintStore store)
{
    public async Task<StatusResult> FindAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var input = fields?.Text("trackingCode", required: true, 64);
        if (input is null)
        {
            return new StatusResult.Invalid(errors);
        }

        if (!TrackingCodes.TryNormalize(input, out var code))
        {
            return new StatusResult.Invalid(ValidationErrors.For("trackingCode", Messages.InvalidTrackingCode));
        }

        // A code without our check was never issued: no storage read is spent on it.
        if (!trackingCodes.IsAuthentic(code))
        {
            return new StatusResult.NotFound();
        }

        var complaint = await store.FindByTrackingHashAsync(trackingCodes.Hash(code), cancellationToken);
        return new StatusResult.Found(complaint is null ? StillQueued : ViewOf(complaint));
    }

    /// <summary>An issued code whose complaint is not stored yet is on the queue: received.</summary>
    private static readonly ComplaintStatusView StillQueued =
        new(ComplaintStatus.Received, null, null, null, [new HistoryEntry(ComplaintStatus.Received, null, null)], []);

    private static ComplaintStatusView ViewOf(ComplaintEntity complaint)
    {
        var history = JsonSerializer.Deserialize<StatusChange[]>(complaint.History, JsonDefaults.Options) ?? [];
        return new ComplaintStatusView(
            EnumNames.Parse<ComplaintStatus>(complaint.Status),
            complaint.ReceivedAt,
            complaint.UpdatedAt,
            complaint.Region,
            history.Select(h => new HistoryEntry(h.Status, h.At, h.Public ? h.Note : null)).ToArray(),
            []);
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
