using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Tracking;

/// <summary>
/// The reporter's receipt for a complaint (see <see cref="IssuedCodes"/> for the form): their only
/// way back to the case. Its check key is the complaints' own, so a workshop confirmation code is
/// never taken for one.
/// </summary>
public sealed class TrackingCodes(KeyedHasher hasher) : IssuedCodes(hasher, "complaint-code-check")
{
    /// <summary>The keyed hash a code is stored and looked up by.</summary>
    public string Hash(string canonical) => Hasher.Hash("tracking-code", canonical);
}
