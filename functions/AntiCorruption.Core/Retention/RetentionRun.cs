using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// One application of the retention schedule (daily, <c>ApplyRetention</c>): for each kind the
/// app erases or deletes, it finds what has passed its period, writes how many of each to the
/// audit trail, then erases them. Like a staff action it is recorded first, and does not happen
/// when the record cannot be written. Each kind does at most <see cref="MostPerKind"/> records a
/// run, and each record is erased so that doing it twice changes nothing: a run that stops half
/// way, or meets a record an officer is changing, leaves the rest to the next run.
/// </summary>
public sealed partial class RetentionRun(
    RetentionSchedule schedule,
    StorageAccount storage,
    ComplaintStore complaints,
    PiiProtector pii,
    Line.LineNotifyLinks notifyLinks,
    RegistrantIndex registrants,
    RetentionProgress progress,
    AuditLog audit,
    TimeProvider time,
    ILogger<RetentionRun> logger)
{
    /// <summary>
    /// Records of one kind a run handles at most: about three times a day's closing at a hundred
    /// times today's intake. A backlog (the first run over years of closed cases) clears by this
    /// many a run; set <c>RetentionSchedule</c> to run more often to clear it sooner.
    /// </summary>
    public const int MostPerKind = 2_000;

    /// <summary>Who the audit trail says acted: the schedule, not a person; no region, so head office reads it.</summary>
    public static readonly StaffMember Actor = new("system:retention", "ตารางการเก็บรักษาข้อมูล (seeds/retention.json)", new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The kinds a run applies, in the order it applies them.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        RetentionKinds.ReporterIdentity, RetentionKinds.Evidence, RetentionKinds.Messages,
        RetentionKinds.RegistrationContacts, RetentionKinds.AttendeeNames, RetentionKinds.PoisonMessages,
    ];

    public Task<RetentionSummary> ApplyAsync(CancellationToken cancellationToken) => ApplyAsync(MostPerKind, cancellationToken);

    public async Task<RetentionSummary> ApplyAsync(int mostPerKind, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mostPerKind, 1);
        var now = time.GetUtcNow();
        var cases = new CaseRetention(storage, complaints, notifyLinks, now);
        var registrations = new RegistrationRetention(storage, pii, registrants, now);
        var poison = new PoisonExpiry(storage);

        // Find: what each kind has due, before anything is touched.
        var plans = new List<KindPlan>();
        foreach (var kind in Kinds)
        {
            var cutoff = schedule[kind].Period.Before(now);
            if (kind == RetentionKinds.PoisonMessages)
            {
                var (held, complete) = await poison.DueAsync(cutoff, mostPerKind, cancellationToken);
                plans.Add(new KindPlan(kind, cutoff, complete, 0, [.. held.Select(m => (Func<Task<Erased>>)(() => poison.DeleteAsync(m, cancellationToken)))]));
                continue;
            }

            var from = await progress.FromAsync(kind, cancellationToken);
            if (CaseRetention.Handles(kind))
            {
                var (due, complete, held) = await cases.DueAsync(kind, from, cutoff, mostPerKind, cancellationToken);
                plans.Add(new KindPlan(kind, cutoff, complete, held, [.. due.Select(id => (Func<Task<Erased>>)(() => cases.EraseAsync(kind, id, cutoff, cancellationToken)))]));
            }
            else
            {
                var (due, complete) = await registrations.DueAsync(kind, from, cutoff, mostPerKind, cancellationToken);
                plans.Add(new KindPlan(kind, cutoff, complete, 0, [.. due.Select(r => (Func<Task<Erased>>)(() => registrations.EraseAsync(kind, r.Workshop, r.Registration, cancellationToken)))]));
            }
        }

        // Record, then act: the counts, never what they are counts of.
        await audit.RecordAsync(Actor, new AuditEntry(AuditActions.RetentionApplied, null, Detail: Describe(plans)), cancellationToken);

        var counts = new Dictionary<string, RetentionCount>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            int done = 0, left = 0;
            foreach (var erase in plan.Work)
            {
                Erased outcome;
                try
                {
                    outcome = await erase();
                }
                catch (Exception ex) when (ex is CryptographicException or JsonException)
                {
                    outcome = Erased.Left; // a record the app cannot read: logged below, never silently passed over
                }

                done += outcome == Erased.Done ? 1 : 0;
                left += outcome == Erased.Left ? 1 : 0;
            }

            // A case under a legal hold keeps the mark where it is: once the hold is lifted, the next run finds it.
            if (plan.Complete && left == 0 && plan.Held == 0 && plan.Kind != RetentionKinds.PoisonMessages)
            {
                await progress.AdvanceAsync(plan.Kind, plan.Cutoff, cancellationToken);
            }

            counts[plan.Kind] = new RetentionCount(plan.Work.Count, done, left, More: !plan.Complete, plan.Held);
            LogKind(logger, plan.Kind, plan.Work.Count, done, left, plan.Held, plan.Complete);
        }

        return new RetentionSummary(now, schedule.Sha256, counts);
    }

    /// <summary>
    /// The audit record's detail: the schedule applied (by its hash) and how many records of each
    /// kind are due ("+": more than a run does; "held": kept by a legal hold).
    /// </summary>
    private string Describe(IEnumerable<KindPlan> plans) =>
        string.Create(CultureInfo.InvariantCulture, $"{RetentionSchedule.FileName} {schedule.Sha256[..12]}; due: ")
        + string.Join(", ", plans.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Kind} {p.Work.Count}{(p.Complete ? "" : "+")}{(p.Held > 0 ? $" (held {p.Held})" : "")}")));

    private sealed record KindPlan(string Kind, DateTimeOffset Cutoff, bool Complete, int Held, IReadOnlyList<Func<Task<Erased>>> Work);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {Kind}: {Due} due, {Done} erased, {Left} left for the next run, {Held} under a legal hold; all found: {Complete}")]
    private static partial void LogKind(ILogger logger, string kind, int due, int done, int left, int held, bool complete);
}

/// <summary>What one run did: per kind, how many records were due, erased, and left for the next run.</summary>
public sealed record RetentionSummary(DateTimeOffset At, string Schedule, IReadOnlyDictionary<string, RetentionCount> Kinds);

/// <summary>
/// <see cref="Left"/> counts records the run met but could not finish; <see cref="More"/> says it
/// stopped at its bound with more to find; <see cref="Held"/> counts cases past their period that
/// a legal hold keeps.
/// </summary>
public sealed record RetentionCount(int Due, int Done, int Left, bool More, int Held = 0);
