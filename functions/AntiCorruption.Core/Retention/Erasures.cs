using AntiCorruption.Core.Complaints;

namespace AntiCorruption.Core.Retention;

/// <summary>Who or what erased personal data from a record, as staff are told.</summary>
public static class Erasures
{
    /// <summary>The retention schedule's period ended (seeds/retention.json).</summary>
    public const string ByRetention = "retention";

    /// <summary>The reporter turned the case anonymous with their tracking code (ReporterIdentityWithdrawal).</summary>
    public const string ByReporter = "reporter";
}

/// <summary>That personal data was erased from a record, when, and by what (<see cref="Erasures"/>).</summary>
public sealed record Erasure(DateTimeOffset At, string By);

/// <summary>What has been erased from a case, as staff see it: each null while it is still there (or never was).</summary>
public sealed record CaseErasures(Erasure? Reporter, Erasure? Evidence, Erasure? Messages)
{
    public static CaseErasures Of(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return new(
            complaint.ReporterErasedAt is { } reporter ? new Erasure(reporter, complaint.ReporterErasedBy ?? Erasures.ByRetention)
                : complaint.IdentityWithdrawnAt is { } withdrawn ? new Erasure(withdrawn, Erasures.ByReporter) : null,
            complaint.EvidenceErasedAt is { } evidence ? new Erasure(evidence, Erasures.ByRetention) : null,
            complaint.MessagesErasedAt is { } messages ? new Erasure(messages, Erasures.ByRetention) : null);
    }
}
