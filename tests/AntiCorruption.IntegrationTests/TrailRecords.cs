using AntiCorruption.Core.Audit;

namespace AntiCorruption.IntegrationTests;

/// <summary>The audit trail as stored, read straight from its blobs (not through the routes under test).</summary>
public static class TrailRecords
{
    public static async Task<List<AuditRecord>> AllAsync(AppHost app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var store = app.Service<AuditTrailStore>();
        var records = new List<AuditRecord>();
        foreach (var blob in await store.BlobNamesAsync("", CancellationToken.None))
        {
            foreach (var line in await store.ReadLinesAsync(blob, CancellationToken.None))
            {
                records.Add(AuditRecord.Parse(line.Span)?.Record ?? throw new InvalidDataException($"Not a record in {blob}."));
            }
        }

        return records;
    }

    public static async Task<List<AuditRecord>> OfComplaintAsync(AppHost app, string complaintId) =>
        (await AllAsync(app)).Where(r => r.ComplaintId == complaintId).ToList();
}
