using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// Where the re-seal after a key rotation stands (<see cref="PersonalDataReseal"/>): the key it
/// moves sealed values to, the pass it is in and where in it, what the pass has done so far, and
/// once a whole pass has found every value under that key, <see cref="DoneKeyId"/>: from then
/// on the previous keys can be dropped. Key ids, counts and storage keys only; no personal data.
/// </summary>
public sealed class ResealStatus
{
    /// <summary>The current key (its id, hex) the pass moves every value to.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The previous keys the job had besides it, the last time it ran.</summary>
    public IReadOnlyList<string> PreviousKeyIds { get; set; } = [];

    /// <summary>Passes begun for <see cref="KeyId"/>, 1 for the first.</summary>
    public int Pass { get; set; }

    public DateTimeOffset PassStartedAt { get; set; }

    /// <summary>The tables and queues the pass walks, in order (as the version that began it knew them).</summary>
    public IReadOnlyList<string> Sources { get; set; } = [];

    /// <summary>The table or queue the pass has reached; null between passes.</summary>
    public string? Source { get; set; }

    /// <summary>The last row of <see cref="Source"/> the pass has finished with (null: none yet).</summary>
    public string? AfterPartition { get; set; }

    public string? AfterRow { get; set; }

    /// <summary>What the pass under way has done so far.</summary>
    public ResealCounts Counts { get; set; } = new();

    /// <summary>What the last finished pass did, and when it finished.</summary>
    public ResealCounts? LastPass { get; set; }

    public DateTimeOffset? LastPassFinishedAt { get; set; }

    /// <summary>
    /// The key that a finished pass found every sealed value under (having found none under
    /// another, and not being the first pass for that key), and when: the previous keys may go.
    /// </summary>
    public string? DoneKeyId { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Counts of one pass. Values are sealed properties (a complaint row holds up to three) or queue messages.</summary>
public sealed class ResealCounts
{
    /// <summary>Rows and messages read.</summary>
    public long Examined { get; set; }

    /// <summary>Values sealed again under the current key and written.</summary>
    public long Resealed { get; set; }

    /// <summary>Rows or messages changed (or taken) between the read and the write: not written, left to the next pass.</summary>
    public long Changed { get; set; }

    /// <summary>Working records past their lifetime and under an old key: deleted, as the hourly purge would, rather than given a new life.</summary>
    public long Expired { get; set; }

    /// <summary>Writes storage refused for another reason: left to the next pass.</summary>
    public long Failed { get; set; }

    /// <summary>Values that are no sealed value of a known version: no key opens them, so no rotation changes them.</summary>
    public long Unrecognised { get; set; }

    /// <summary>Values still under a key other than the current one (that key's id: count), because they did not open.</summary>
    public Dictionary<string, long> Left { get; set; } = [];

    /// <summary>Set (and stored) before the pass's first write: a pass that wrote anything is not the clean pass that ends a rotation.</summary>
    public bool Wrote { get; set; }

    public long LeftTotal => Left.Values.Sum();

    /// <summary>Found every value under the current key: nothing written, nothing left, nothing changed under it.</summary>
    public bool Clean => !Wrote && Changed == 0 && Failed == 0 && LeftTotal == 0;

    public ResealCounts Copy() => new()
    {
        Examined = Examined, Resealed = Resealed, Changed = Changed, Expired = Expired, Failed = Failed,
        Unrecognised = Unrecognised, Left = new(Left), Wrote = Wrote,
    };
}

/// <summary>
/// The status as a JSON blob, <c>summaries/operations/pii-reseal.json</c> (the summaries list
/// reads only <c>fy*</c>), with its key facts repeated as blob metadata for
/// <c>az storage blob metadata show</c>: <c>keyid</c>, <c>pass</c>, <c>state</c>, and
/// <c>donekeyid</c>/<c>doneat</c> once a key is done. Every write is conditional on the ETag read,
/// so of two runs at once only one goes on.
/// </summary>
public sealed class ResealStatusStore(StorageAccount storage)
{
    public const string ContainerName = StorageNames.SummariesContainer;
    public const string BlobName = "operations/pii-reseal.json";

    private readonly BlobClient _blob = storage.Blobs.GetBlobContainerClient(ContainerName).GetBlobClient(BlobName);

    /// <summary>The status and its ETag; (null, null) before the first run that had previous keys.</summary>
    public async Task<(ResealStatus? Status, ETag? ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = (await _blob.DownloadContentAsync(cancellationToken)).Value;
            return (content.Content.ToObjectFromJson<ResealStatus>(JsonDefaults.Options), content.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }

    /// <summary>Writes the status if it is still as read (<paramref name="ifMatch"/>; null: if there is none); its new ETag, or null when another run wrote first.</summary>
    public async Task<ETag?> TryWriteAsync(ResealStatus status, ETag? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var metadata = new Dictionary<string, string>
        {
            ["keyid"] = status.KeyId,
            ["pass"] = status.Pass.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["state"] = status.DoneKeyId == status.KeyId ? "done" : status.Source is null ? "between-passes" : "resealing",
        };
        if (status is { DoneKeyId: { } done, DoneAt: { } at })
        {
            metadata["donekeyid"] = done;
            metadata["doneat"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            var response = await _blob.UploadAsync(
                BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(status, JsonDefaults.Options)),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Metadata = metadata,
                    Conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
            return response.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            return null;
        }
    }
}
