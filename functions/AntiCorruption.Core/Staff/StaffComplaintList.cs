using System.Globalization;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// The officers' list of complaints: the query checked parameter by parameter, the officer's
/// scope applied, newest first in pages whose continuation token is the last row key seen.
/// Items never carry a reporter's identity.
/// </summary>
public sealed class StaffComplaintList(ComplaintStore store, ReferenceData.ReferenceCatalog catalog, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Every status a complaint can be in, as the list filter takes them.</summary>
    private static readonly string[] ListableStatusNames = Enum.GetValues<ComplaintStatus>().Select(EnumNames.Of).ToArray();

    /// <summary>The query of <c>GET /api/staff/complaints</c>, as sent: each parameter is checked and named when wrong.</summary>
    public async Task<(StaffComplaintPage? Page, ValidationErrors Errors)> ListAsync(
        StaffMember staff, Func<string, string?> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var year = FiscalYear.Of(now);
        if (query("fiscalYear") is { } fiscalYear && !FiscalYear.TryParse(fiscalYear, out year))
        {
            errors.Add("fiscalYear", Messages.InvalidFiscalYear);
        }

        int? regionNumber = null;
        if (query("region") is { } region)
        {
            if (TryNumber(region, 0, 9, out var r))
            {
                regionNumber = r;
            }
            else
            {
                errors.Add("region", Messages.InvalidRegion);
            }
        }

        var status = query("status");
        var statusName = status is null ? null : ListableStatusNames.FirstOrDefault(n => n == status);
        if (status is not null && statusName is null)
        {
            errors.Add("status", Messages.UnknownStatus(ListableStatusNames));
        }

        var category = query("category");
        if (category is not null && catalog.FindCategory(category) is null)
        {
            errors.Add("category", Messages.UnknownCategory);
        }

        var province = query("province")?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            errors.Add("province", Messages.UnknownProvince);
        }

        var overdue = query("overdue");
        if (overdue is not null and not ("true" or "false"))
        {
            errors.Add("overdue", Messages.MustBeBoolean);
        }

        var from = QueryValues.Date(query("from"), "from", errors);
        var to = QueryValues.Date(query("to"), "to", errors);
        var agency = query("q");
        if (agency is not null && agency.Length > 300)
        {
            errors.Add("q", Messages.TooLong(300));
        }

        // "me" is the caller's own id, whatever shape the token gives it; "none" is matched after
        // the query (see ComplaintListFilter: cases stored before assignment have no Assignee).
        var assignee = query("assignee");
        var unassigned = assignee == StaffIds.None;
        var assigneeId = assignee == StaffIds.Me ? staff.Id : unassigned ? null : assignee;
        if (assignee is not null && !unassigned && assignee != StaffIds.Me && !StaffIds.IsValid(assignee))
        {
            errors.Add("assignee", Messages.InvalidAssigneeFilter);
        }

        var pageSize = query("pageSize");
        var continuationToken = query("continuationToken");
        var size = DefaultPageSize;
        if (pageSize is not null && !TryNumber(pageSize, 1, MaxPageSize, out size))
        {
            errors.Add("pageSize", Messages.OutOfRange(1, MaxPageSize));
        }

        var after = continuationToken is null ? null : DecodeToken(continuationToken);
        if (continuationToken is not null && after is null)
        {
            errors.Add("continuationToken", Messages.InvalidContinuation);
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        // Head office asking for every region needs no region filter at all.
        var regions = staff.Scope.IsAll && regionNumber is null ? null : staff.Scope.Narrow(regionNumber);
        if (regions is { Count: 0 })
        {
            return (new StaffComplaintPage([], null), errors);
        }

        var filter = new ComplaintListFilter(
            regions, statusName, category, province,
            OverdueAt: overdue == "true" ? now : null,
            From: from is null ? null : Bangkok.StartOf(from.Value),
            Before: to is null ? null : Bangkok.StartOf(to.Value.AddDays(1)),
            Agency: agency,
            Assignee: assigneeId,
            Unassigned: unassigned);
        var (rows, next) = await store.ListAsync(year, filter, after, size, cancellationToken);
        return (new StaffComplaintPage(rows.Select(r => StaffComplaintSummary.Of(r, now)).ToArray(), next is null ? null : QueryValues.Token(next)), errors);
    }

    private static bool TryNumber(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static string? DecodeToken(string token) =>
        QueryValues.TextOf(token) is { Length: 26 } rowKey && rowKey.All(Tracking.Crockford.IsSymbol) && ComplaintIds.IsValid(ComplaintEntity.RowKeyOf(rowKey))
            ? rowKey
            : null;
}
