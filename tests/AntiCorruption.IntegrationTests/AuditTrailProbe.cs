using AntiCorruption.Core.Storage;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// How the workshop and summary tests look into the audit trail: the records about one target, and
/// an audit store that is down. The one place those tests know how the trail is stored, so that
/// a change of its storage changes only this file.
/// </summary>
internal static class AuditTrailProbe
{
    /// <summary>(action, region, actor) of every record about <paramref name="target"/>, oldest first.</summary>
    public static async Task<List<(string Action, int? Region, string Actor)>> RecordsAsync(AppHost app, string target)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in app.Storage.Table(StorageNames.AuditTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Target eq {target}")))
        {
            rows.Add(row);
        }

        return [.. rows.OrderBy(r => r.GetDateTimeOffset("At")).Select(r => (r.GetString("Action"), r.GetInt32("Region"), r.GetString("Actor")))];
    }

    /// <summary>Runs <paramref name="act"/> while the audit store cannot be written to, then puts it back.</summary>
    public static async Task WhileDownAsync(AppHost app, Func<Task> act)
    {
        var audit = app.Storage.Table(StorageNames.AuditTable);
        await audit.DeleteAsync();
        try
        {
            await act();
        }
        finally
        {
            await audit.CreateIfNotExistsAsync();
        }
    }
}
