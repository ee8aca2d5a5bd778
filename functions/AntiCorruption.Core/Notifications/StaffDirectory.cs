using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Staff members' sign-in addresses, for mail about the cases assigned to them: one row per staff
/// id, the address sealed. Written when an officer takes a case ("assign to me"), from the
/// token's <c>email</c>, <c>preferred_username</c> or <c>upn</c>; a case assigned to someone who
/// never took one themselves has no address to mail, and the region's addresses still hear of it.
/// </summary>
public sealed class StaffDirectory(StorageAccount storage, PiiProtector pii)
{
    private const string Partition = "staff";
    private readonly TableClient _table = storage.Table(StorageNames.StaffDirectoryTable);

    public static string AddressContext(string staffId) => $"staff/{staffId}/address";

    public async Task RecordAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (staff.Email is not { Length: > 0 } address || !StaffIds.IsValid(staff.Id))
        {
            return;
        }

        await _table.UpsertEntityAsync(new TableEntity(Partition, staff.Id) { ["Address"] = pii.SealJson(address, AddressContext(staff.Id)) }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<string?> AddressOfAsync(string staffId, CancellationToken cancellationToken)
    {
        if (!StaffIds.IsValid(staffId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, staffId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetBinary("Address") is { } sealedAddress ? pii.OpenJson<string>(sealedAddress, AddressContext(staffId)) : null;
    }
}
