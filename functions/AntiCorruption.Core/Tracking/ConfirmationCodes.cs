using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Tracking;

/// <summary>
/// A registrant's receipt for a workshop seat, and their check-in QR code (see
/// <see cref="IssuedCodes"/> for the form). Its check key is the registrations' own, so a
/// complaint's tracking code is never taken for one.
/// </summary>
public sealed class ConfirmationCodes(KeyedHasher hasher) : IssuedCodes(hasher, "registration-code-check");
