using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Storage;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The audit trail as stored, read straight from its blobs (not through the routes under test),
/// and a trail that cannot be written to: the one place tests know how the trail is stored.
/// </summary>
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

    /// <summary>(action, region, actor) of every record about <paramref name="target"/>, oldest first.</summary>
    public static async Task<List<(string Action, int? Region, string? Actor)>> AboutAsync(AppHost app, string target) =>
        [.. (await AllAsync(app)).Where(r => r.Target == target).Select(r => (r.Action, r.Region, r.Actor))];

    /// <summary>
    /// Runs <paramref name="act"/> while no record can be added: the end of the trail is held by
    /// someone else's lease, so every append fails as a storage failure would.
    /// </summary>
    public static async Task WhileDownAsync(AppHost app, Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(act);
        var blobs = await app.Service<AuditTrailStore>().BlobNamesAsync("", CancellationToken.None);
        Assert.True(blobs.Count > 0, "the trail has an end to hold: record something first");
        var lease = app.Storage.Blobs.GetBlobContainerClient(StorageNames.AuditContainer).GetBlobClient(blobs[^1]).GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        try
        {
            await act();
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }
}
