using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// How long each kind of record is kept, and why: <c>seeds/retention.json</c>, loaded and
/// checked once at start like the other seeds, so a schedule that is wrong stops the app rather
/// than erase too early or promise what is not done. People edit the periods and the reasons;
/// the rest of each entry must say what the code does (<see cref="RetentionKinds"/>).
/// </summary>
public sealed class RetentionSchedule
{
    public const string FileName = "retention.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private RetentionSchedule(IReadOnlyList<RetentionRule> rules, string sha256)
    {
        Rules = rules;
        Sha256 = sha256;
    }

    /// <summary>Every kind, in the file's order.</summary>
    public IReadOnlyList<RetentionRule> Rules { get; }

    /// <summary>SHA-256 of the file as loaded (lowercase hex): the audit record of a run names the schedule it applied.</summary>
    public string Sha256 { get; }

    public RetentionRule this[string kind] =>
        Rules.FirstOrDefault(r => r.Kind == kind) ?? throw new KeyNotFoundException($"The retention schedule has no kind '{kind}'.");

    public static RetentionSchedule Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads and checks a schedule; <see cref="InvalidDataException"/> lists everything wrong with it.</summary>
    public static RetentionSchedule Parse(byte[] utf8, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ScheduleFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ScheduleFile>(utf8, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source} is not a retention schedule: {ex.Message}", ex);
        }

        var problems = new List<string>();
        var rules = new List<RetentionRule>();
        foreach (var entry in file?.Kinds ?? [])
        {
            if (Check(entry, problems) is { } rule)
            {
                rules.Add(rule);
            }
        }

        foreach (var duplicate in (file?.Kinds ?? []).GroupBy(k => k.Kind).Where(g => g.Count() > 1))
        {
            problems.Add($"kind {duplicate.Key} is listed {duplicate.Count()} times");
        }

        foreach (var missing in RetentionKinds.All.Where(k => file?.Kinds?.Any(e => e.Kind == k.Id) != true))
        {
            problems.Add($"kind {missing.Id} is missing: every kind of record the app keeps needs a period and a reason");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join("; ", problems)}.");
        }

        return new RetentionSchedule(rules, Convert.ToHexStringLower(SHA256.HashData(utf8)));
    }

    private static RetentionRule? Check(ScheduleEntry entry, List<string> problems)
    {
        var count = problems.Count;
        if (entry.Kind is null || RetentionKinds.Find(entry.Kind) is not { } kind)
        {
            problems.Add($"unknown kind '{entry.Kind}' (known: {string.Join(", ", RetentionKinds.All.Select(k => k.Id))})");
            return null;
        }

        void Same(string what, string? stated, string actual)
        {
            if (!string.Equals(stated, actual, StringComparison.Ordinal))
            {
                problems.Add($"{kind.Id}: {what} must be \"{actual}\" (that is what the app does), not \"{stated}\"");
            }
        }

        Same("record", entry.Record, kind.Record);
        Same("action", entry.Action, kind.Action);
        Same("after", entry.After, kind.After);
        Same("appliedBy", entry.AppliedBy, kind.AppliedBy);
        if (entry.Fields is null || !entry.Fields.Order(StringComparer.Ordinal).SequenceEqual(kind.Fields.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            problems.Add($"{kind.Id}: fields must be exactly {string.Join(", ", kind.Fields)}");
        }

        if (string.IsNullOrWhiteSpace(entry.NameTh))
        {
            problems.Add($"{kind.Id}: nameTh (the kind's name in Thai) is required");
        }

        if (entry.Reason is null || entry.Reason.Trim().Length < 40)
        {
            problems.Add($"{kind.Id}: the reason for the period is required (a sentence or more)");
        }

        if (entry.Residue is { } residue && (residue.Days < 0 || string.IsNullOrWhiteSpace(residue.Where)))
        {
            problems.Add($"{kind.Id}: residue needs its days (0 or more) and where it remains");
        }

        if (kind.Id == RetentionKinds.Evidence && entry.Residue is null)
        {
            problems.Add($"{kind.Id}: residue is required: deleted files can live on in blob versions and soft delete, and the schedule must say how long");
        }

        if (!RetentionPeriod.TryParse(entry.Period, out var period))
        {
            problems.Add($"{kind.Id}: period \"{entry.Period}\" is not a number and a unit (\"1 hour\", \"90 days\", \"6 months\", \"2 years\")");
        }
        else if (period.Shortest < kind.Shortest)
        {
            problems.Add($"{kind.Id}: period {period} is shorter than the {Describe(kind.Shortest)} it needs at least");
        }
        else if (kind.Longest is { } longest && period.Longest > longest)
        {
            problems.Add($"{kind.Id}: period {period} is longer than {Describe(longest)}, the most it can be kept");
        }

        return problems.Count == count
            ? new RetentionRule(kind.Id, entry.NameTh!, kind.Record, kind.Fields, kind.Action, kind.After, period, kind.AppliedBy, entry.Reason!.Trim(), entry.Residue)
            : null;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0} day(s)" : $"{span.TotalHours:0} hour(s)";

    private sealed record ScheduleFile(
        [property: JsonPropertyName("$comment")] string? Comment,
        IReadOnlyList<ScheduleEntry>? Kinds);

    private sealed record ScheduleEntry(
        string? Kind,
        string? NameTh,
        string? Record,
        IReadOnlyList<string>? Fields,
        string? Action,
        string? After,
        string? Period,
        string? AppliedBy,
        string? Reason,
        RetentionResidue? Residue);
}

/// <summary>
/// One kind of record as the schedule gives it: what is kept where, which fields its period
/// ends, from what moment (<see cref="After"/>), for how long, what then happens and why.
/// <see cref="Residue"/>, when given, says what may remain in storage after the app has acted.
/// </summary>
public sealed record RetentionRule(
    string Kind,
    string NameTh,
    string Record,
    IReadOnlyList<string> Fields,
    string Action,
    string After,
    RetentionPeriod Period,
    string AppliedBy,
    string Reason,
    RetentionResidue? Residue);

/// <summary>
/// What can outlive the app's deletion in storage itself: for how many days at most, and where
/// (blob versions and soft delete). infra/app/storage.bicep must agree (a test compares them).
/// </summary>
public sealed record RetentionResidue(int Days, string Where);
