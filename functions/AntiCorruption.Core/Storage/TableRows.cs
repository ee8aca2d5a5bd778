using Azure.Data.Tables;

namespace AntiCorruption.Core.Storage;

/// <summary>Point reads that answer "not there" with null rather than an exception.</summary>
public static class TableRows
{
    public static async Task<T?> FindAsync<T>(this TableClient table, string partition, string row, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        var found = await table.GetEntityIfExistsAsync<T>(partition, row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
