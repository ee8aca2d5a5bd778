using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// <c>GET /api/staff/audit</c>: the trail's records in the reader's scope, newest first. A record
/// of a region outside the scope is absent, as if it did not exist; records that belong to no
/// region (refused calls, national summaries) are head office's. Days are Bangkok days, as an
/// officer means them; a page reads at most <see cref="DaysPerPage"/> days of the trail, so a
/// filter that matches little still answers quickly, with a token to read on.
/// </summary>
public sealed partial class AuditQuery(AuditTrailStore trail, TimeProvider time)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
    public const int DefaultDays = 31;
    public const int DaysPerPage = 31;

    private static readonly LocalizedText UnknownAction = new(
        "ไม่มีการกระทำชื่อนี้ในบันทึก", $"Must be one of: {string.Join(", ", AuditActions.All)}.");

    private static readonly LocalizedText InvalidComplaintId = new("รหัสเรื่องร้องเรียนไม่ถูกต้อง", "Is not a complaint id.");
    private static readonly LocalizedText ToBeforeFrom = new("วันที่สิ้นสุดต้องไม่อยู่ก่อนวันที่เริ่ม", "Must not be before from.");

    public async Task<(AuditPage? Page, ValidationErrors Errors)> ListAsync(StaffMember staff, Func<string, string?> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        var from = QueryValues.Date(query("from"), "from", errors, firstYear: 2000);
        var to = QueryValues.Date(query("to"), "to", errors, firstYear: 2000);
        var actor = query("actor");
        if (actor is { Length: > 200 })
        {
            errors.Add("actor", Messages.TooLong(200));
        }

        var complaintId = query("complaintId")?.ToUpperInvariant();
        if (complaintId is not null && !ComplaintIds.IsValid(complaintId))
        {
            errors.Add("complaintId", InvalidComplaintId);
        }

        var action = query("action");
        if (action is not null && !AuditActions.All.Contains(action))
        {
            errors.Add("action", UnknownAction);
        }

        var size = DefaultPageSize;
        if (query("pageSize") is { } pageSize
            && !(int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize))
        {
            errors.Add("pageSize", Messages.OutOfRange(1, MaxPageSize));
        }

        var token = query("continuationToken");
        var resume = token is null ? null : Position.Decode(token);
        if (token is not null && resume is null)
        {
            errors.Add("continuationToken", Messages.InvalidContinuation);
        }

        var lastDay = to ?? Bangkok.DateOf(time.GetUtcNow());
        // A case's records start when it does; otherwise the last month, unless asked for more.
        var firstDay = from ?? (complaintId is not null && errors.IsEmpty ? Bangkok.DateOf(ComplaintIds.TimeOf(complaintId)) : lastDay.AddDays(1 - DefaultDays));
        if (firstDay > lastDay && !errors.Has("from") && !errors.Has("to"))
        {
            errors.Add("to", ToBeforeFrom);
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var start = Bangkok.StartOf(firstDay);
        var end = Bangkok.StartOf(lastDay.AddDays(1));
        bool Wanted(AuditRecord r) =>
            r.Action != AuditTrailStore.Continued
            && r.At >= start && r.At < end
            && (r.Region is { } region ? staff.Scope.Covers(region) : staff.Scope.IsAll)
            && (actor is null || r.Actor == actor)
            && (complaintId is null || r.ComplaintId == complaintId)
            && (action is null || r.Action == action);

        var blobs = await BlobsBetweenAsync(DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime), cancellationToken);
        if (resume is not null)
        {
            blobs = blobs.Where(b => string.CompareOrdinal(b, resume.Blob) <= 0).ToList();
        }

        var items = new List<AuditRecord>();
        var days = new HashSet<DateOnly>();
        foreach (var blob in blobs)
        {
            if (days.Add(AuditTrailStore.DayOf(blob)) && days.Count > DaysPerPage)
            {
                return (new AuditPage(items, new Position(blob, long.MaxValue).Encode()), errors);
            }

            var lines = await trail.ReadLinesAsync(blob, cancellationToken);
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                // A line that is not a record is for verify to report; the list shows records.
                if (AuditRecord.Parse(lines[i].Span) is not { Record: var record }
                    || (resume is not null && blob == resume.Blob && record.N >= resume.Before)
                    || !Wanted(record))
                {
                    continue;
                }

                items.Add(record);
                if (items.Count == size)
                {
                    return (new AuditPage(items, new Position(blob, record.N).Encode()), errors);
                }
            }
        }

        return (new AuditPage(items, null), errors);
    }

    /// <summary>The trail's blobs of the UTC days from <paramref name="first"/> to <paramref name="last"/>, newest first.</summary>
    private async Task<List<string>> BlobsBetweenAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        for (var month = new DateOnly(last.Year, last.Month, 1); month >= new DateOnly(first.Year, first.Month, 1); month = month.AddMonths(-1))
        {
            names.AddRange((await trail.BlobNamesAsync(month.ToString("yyyy/MM/", CultureInfo.InvariantCulture), cancellationToken))
                .Where(n => AuditTrailStore.DayOf(n) is var day && day >= first && day <= last));
        }

        names.Sort((a, b) => string.CompareOrdinal(b, a));
        return names;
    }

    /// <summary>Where a page stopped: the blob, and the place of the record before which the next page starts.</summary>
    private sealed partial record Position(string Blob, long Before)
    {
        public string Encode() => QueryValues.Token(string.Create(CultureInfo.InvariantCulture, $"{Blob}|{Before}"));

        public static Position? Decode(string token)
        {
            var parts = QueryValues.TextOf(token)?.Split('|');
            return parts is { Length: 2 } && BlobNamePattern().IsMatch(parts[0])
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before > 0
                ? new Position(parts[0], before)
                : null;
        }

        [GeneratedRegex(@"^\d{4}/\d{2}/\d{2}/\d{4}\.jsonl$", RegexOptions.CultureInvariant, 100)]
        private static partial Regex BlobNamePattern();
    }
}

/// <summary>A page of audit records, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? ContinuationToken);
