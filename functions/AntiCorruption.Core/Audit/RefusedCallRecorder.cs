using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Staff;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// Puts staff calls refused with 401 or 403 in the audit trail: someone probing the staff routes
/// is what the trail is for. Anyone can send such calls, so a <see cref="RefusalBudget"/> bounds
/// how many an instance writes, rather than letting a flood of bad tokens write without bound.
/// The refusal is answered whether or not it could be recorded: a record that fails here lets
/// nothing through.
/// </summary>
public sealed partial class RefusedCallRecorder(AuditLog audit, TimeProvider time, IOptions<RateLimitOptions> limits, ILogger<RefusedCallRecorder> logger)
{
    private const int MaxPath = 200;

    private readonly RefusalBudget _budget = new(time, limits.Value.RefusedStaffCallsPerMinute);

    public async Task RecordAsync(StaffMember? staff, int status, string method, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (!_budget.TryTake(out var unrecordedBefore))
        {
            return;
        }

        // The route, never the query: a query can carry what an officer typed.
        var detail = $"{status} {method} {(path.Length > MaxPath ? path[..MaxPath] : path)}"
            + (unrecordedBefore > 0 ? $"; {unrecordedBefore} more refused calls before this one were counted, not recorded" : "");
        try
        {
            await audit.RecordRefusalAsync(staff, detail, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotRecorded(logger, status, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refused staff call ({Status}) could not be written to the audit trail: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, int status, string error);
}
