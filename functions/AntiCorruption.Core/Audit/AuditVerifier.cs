namespace AntiCorruption.Core.Audit;

/// <summary>
/// <c>GET /api/staff/audit/verify</c>: reads the whole trail in order and checks every link. A
/// record whose content was changed fails its own hash; one removed or moved breaks the
/// <c>prev</c>/<c>n</c> of the record after it; a blob removed or put out of place breaks the
/// closing record before it. One blob at a time is held in memory.
/// </summary>
public sealed class AuditVerifier(AuditTrailStore trail)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        long records = 0;
        long? firstBroken = null;
        var expectedPrev = AuditRecord.Genesis;
        string? expectedBlob = null;
        foreach (var blob in await trail.BlobNamesAsync("", cancellationToken))
        {
            var lines = await trail.ReadLinesAsync(blob, cancellationToken);
            if (lines.Count == 0)
            {
                // Created by a writer that stopped before its first record: nothing to check.
                continue;
            }

            if (expectedBlob is not null && blob != expectedBlob)
            {
                firstBroken ??= records + 1;
            }

            expectedBlob = null;
            foreach (var line in lines)
            {
                records++;
                var parsed = AuditRecord.Parse(line.Span);
                if (firstBroken is null
                    && (parsed is not { HashHolds: true, Record: var record } || record.N != records || record.Prev != expectedPrev || expectedBlob is not null))
                {
                    firstBroken = records;
                }

                if (parsed is { Record: var r })
                {
                    expectedPrev = r.Hash;
                    expectedBlob = r.Action == AuditTrailStore.Continued ? r.Target : null;
                }
            }

            // A blob that does not end by naming the next is the last one.
            expectedBlob ??= "";
        }

        return new AuditVerification(records, firstBroken is null, firstBroken);
    }
}

/// <summary>How many records the trail holds, whether every link holds, and the place of the first that does not.</summary>
public sealed record AuditVerification(long Records, bool Valid, long? FirstBroken);
