using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// The three periods that run from a case's final status: the reporter's identity is erased from
/// the case row, the evidence files and their rows are deleted, the conversation is deleted. The
/// case itself stays, with its category, province, agency, status, dates and the number of files
/// it had, so that every figure counted from it stays the same; each erasure leaves a marker on
/// the case so staff can see what went and when. A case under a legal hold (Staff/LegalHolds) is
/// kept as it is while the hold stands; the run looks at it again every day until it is lifted.
/// </summary>
internal sealed class CaseRetention(StorageAccount storage, ComplaintStore complaints, Line.LineNotifyLinks notifyLinks, DateTimeOffset now)
{
    /// <summary>A change to a case that lost a race with an officer is tried again on the row as it is now, this many times.</summary>
    private const int Attempts = 3;

    private static readonly string[] ScanColumns =
    [
        "PartitionKey", "RowKey", "ComplaintId", "ClosedAt", "Reporter", nameof(ComplaintEntity.NotifyLine), "AttachmentIds", nameof(ComplaintEntity.LegalHold),
        nameof(ComplaintEntity.ReporterErasedAt), nameof(ComplaintEntity.EvidenceErasedAt), nameof(ComplaintEntity.MessagesErasedAt),
    ];

    private readonly TableClient _complaints = storage.Table(StorageNames.ComplaintsTable);
    private readonly TableClient _attachments = storage.Table(StorageNames.AttachmentsTable);
    private readonly TableClient _messages = storage.Table(StorageNames.MessagesTable);
    private readonly BlobContainerClient _files = storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);

    public static bool Handles(string kind) => kind is RetentionKinds.ReporterIdentity or RetentionKinds.Evidence or RetentionKinds.Messages;

    /// <summary>
    /// Cases closed in [<paramref name="from"/>, <paramref name="cutoff"/>) that still hold what
    /// <paramref name="kind"/> erases, at most <paramref name="most"/>; <c>Complete</c> when that
    /// is all of them; <c>Held</c> counts those a legal hold keeps.
    /// </summary>
    public async Task<(List<string> Due, bool Complete, int Held)> DueAsync(string kind, DateTimeOffset from, DateTimeOffset cutoff, int most, CancellationToken cancellationToken)
    {
        var due = new List<string>();
        var held = 0;
        var filter = from == DateTimeOffset.MinValue
            ? TableClient.CreateQueryFilter($"ClosedAt lt {cutoff}")
            : TableClient.CreateQueryFilter($"ClosedAt ge {from} and ClosedAt lt {cutoff}");
        await foreach (var row in _complaints.QueryAsync<ComplaintEntity>(filter, select: ScanColumns, cancellationToken: cancellationToken))
        {
            if (!await HoldsAsync(kind, row, cancellationToken))
            {
                continue;
            }

            if (row.LegalHold)
            {
                held++;
                continue;
            }

            if (due.Count == most)
            {
                return (due, false, held);
            }

            due.Add(row.ComplaintId);
        }

        return (due, true, held);
    }

    private async Task<bool> HoldsAsync(string kind, ComplaintEntity row, CancellationToken cancellationToken) => kind switch
    {
        RetentionKinds.ReporterIdentity => (row.ReporterErasedAt is null && row.Reporter is not null) || row.NotifyLine is not null,
        RetentionKinds.Evidence => row.EvidenceErasedAt is null && row.AttachmentCount > 0,
        _ => row.MessagesErasedAt is null && await HasMessagesAsync(row.ComplaintId, cancellationToken),
    };

    public Task<Erased> EraseAsync(string kind, string complaintId, DateTimeOffset cutoff, CancellationToken cancellationToken) => kind switch
    {
        RetentionKinds.ReporterIdentity => EraseIdentityAsync(complaintId, cutoff, cancellationToken),
        RetentionKinds.Evidence => DeleteEvidenceAsync(complaintId, cutoff, cancellationToken),
        _ => DeleteMessagesAsync(complaintId, cutoff, cancellationToken),
    };

    /// <summary>
    /// The reporter's name and contacts go; <c>Anonymous</c> stays false, so the case is not counted
    /// as anonymous. The sealed LINE link for news goes with them, from an anonymous case too (which
    /// gets no erasure marker: it never had an identity to show as erased).
    /// </summary>
    private async Task<Erased> EraseIdentityAsync(string complaintId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var complaint = await complaints.GetAsync(complaintId, cancellationToken);
            if (Blocked(complaint, cutoff) is { } blocked)
            {
                return blocked;
            }

            if (complaint!.Reporter is null && complaint.NotifyLine is null)
            {
                return Erased.NotDue;
            }

            if (complaint.NotifyLine is not null)
            {
                await notifyLinks.ForgetCaseAsync(complaint, cancellationToken);
                complaint.NotifyLine = null;
            }

            if (complaint.Reporter is not null)
            {
                complaint.Reporter = null;
                complaint.EmailNotices = null; // nothing left to mail to
                complaint.ReporterErasedAt = now;
                complaint.ReporterErasedBy = Erasures.ByRetention;
            }

            if (await complaints.TryReplaceAsync(complaint!, cancellationToken))
            {
                return Erased.Done;
            }
        }

        return Erased.Left;
    }

    /// <summary>
    /// Each of the case's files: every blob its row names (the file, and a copy or an old blob an
    /// earlier sealing left), then the row with the file's key. Then the marker on the case.
    /// </summary>
    private async Task<Erased> DeleteEvidenceAsync(string complaintId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var complaint = await complaints.GetAsync(complaintId, cancellationToken);
        if (Blocked(complaint, cutoff) is { } blocked)
        {
            return blocked;
        }

        if (complaint!.EvidenceErasedAt is not null)
        {
            return Erased.NotDue;
        }

        foreach (var id in JsonSerializer.Deserialize<string[]>(complaint.AttachmentIds, JsonDefaults.Options) ?? [])
        {
            if (!AttachmentStore.IsValidId(id))
            {
                continue;
            }

            var found = await _attachments.GetEntityIfExistsAsync<AttachmentEntity>(AttachmentEntity.PartitionOf(id), id, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value!.ComplaintId != complaintId)
            {
                continue; // gone already, or another case's (a case stored before claims were decided at intake)
            }

            var row = found.Value;
            foreach (var blob in new[] { row.FileBlob(), row.PendingBlob, row.RetiredBlob }.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                await _files.GetBlobClient(blob).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            }

            try
            {
                await _attachments.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                return Erased.Left; // changed meanwhile (sealed or re-keyed): the next run reads it again
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
            }
        }

        return await MarkAsync(complaintId, cutoff, c => c.EvidenceErasedAt is null, c => c.EvidenceErasedAt = now, cancellationToken);
    }

    /// <summary>Every message row of the case, a hundred to a transaction (one partition), then the marker.</summary>
    private async Task<Erased> DeleteMessagesAsync(string complaintId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var complaint = await complaints.GetAsync(complaintId, cancellationToken);
        if (Blocked(complaint, cutoff) is { } blocked)
        {
            return blocked;
        }

        if (complaint!.MessagesErasedAt is not null)
        {
            return Erased.NotDue;
        }

        var batch = new List<TableTransactionAction>(100);
        try
        {
            await foreach (var row in _messages.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {complaintId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
                if (batch.Count == 100)
                {
                    await _messages.SubmitTransactionAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await _messages.SubmitTransactionAsync(batch, cancellationToken);
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            return Erased.Left; // a reader re-keyed rows of the first shape meanwhile: the next run finds them
        }

        return await MarkAsync(complaintId, cutoff, c => c.MessagesErasedAt is null, c => c.MessagesErasedAt = now, cancellationToken);
    }

    private async Task<Erased> MarkAsync(string complaintId, DateTimeOffset cutoff, Func<ComplaintEntity, bool> unmarked, Action<ComplaintEntity> mark, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var complaint = await complaints.GetAsync(complaintId, cancellationToken);
            if (Blocked(complaint, cutoff) is not null || !unmarked(complaint!))
            {
                return Erased.Left; // reopened, held or changed at this very moment: decided again next run
            }

            mark(complaint!);
            if (await complaints.TryReplaceAsync(complaint!, cancellationToken))
            {
                return Erased.Done;
            }
        }

        return Erased.Left;
    }

    private async Task<bool> HasMessagesAsync(string complaintId, CancellationToken cancellationToken)
    {
        await foreach (var _ in _messages.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {complaintId}"), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// Why a case found due is not erased now, or null when it is to be: gone, or reopened since
    /// (no longer due: a later closing starts its period again); held (left: the run comes back to
    /// it every day until the hold is lifted).
    /// </summary>
    private static Erased? Blocked(ComplaintEntity? complaint, DateTimeOffset cutoff) =>
        complaint is null || !complaint.IsFinal || complaint.ClosedAt is not { } closed || closed >= cutoff ? Erased.NotDue
        : complaint.LegalHold ? Erased.Left
        : null;
}

/// <summary>What became of one record a run found due.</summary>
public enum Erased
{
    /// <summary>Erased or deleted now.</summary>
    Done,

    /// <summary>Nothing to do after all: gone, reopened, or done by another run.</summary>
    NotDue,

    /// <summary>Changed while the run worked on it: the next run tries again.</summary>
    Left,
}
