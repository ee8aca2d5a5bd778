namespace AntiCorruption.Core.Workshops;

/// <summary>
/// What a registrant can do with their confirmation code alone (PDPA): see everything held about
/// them, download it, and withdraw their consent, which cancels the registration and erases the
/// personal fields as far as the workshop's records allow (<see cref="RegistrationErasure"/>).
/// The code is read as the other code routes read it: a code without a registration's check, or
/// one no registration has, is unknown (null).
/// </summary>
public sealed class RegistrantRights(RegistrationLookup lookup, RegistrationRecords records, RegistrationErasure erasure)
{
    public async Task<RegistrationData?> DataAsync(string code, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(code, cancellationToken);
        return found is null ? null : await records.DataOfAsync(found.Value.WorkshopId, found.Value.Row, cancellationToken);
    }

    public async Task<ErasureOutcome?> WithdrawConsentAsync(string code, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(code, cancellationToken);
        return found is null ? null : await erasure.EraseAsync(found.Value.WorkshopId, found.Value.Row.RowKey, consentWithdrawn: true, cancellationToken);
    }
}
