using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Retention;

/// <summary>
/// docs/PROCESSING.md, the register of processing, kept true: every stored property of every
/// type that holds or points at personal data is listed in that type's section, every period it
/// cites is the schedule's, and its retention table is the schedule, kind by kind. A property
/// added to an entity, or a period changed in seeds/retention.json, fails here until the register
/// says so.
/// </summary>
public partial class ProcessingRegisterTests
{
    private static readonly string Register = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "PROCESSING.md"));
    private static readonly RetentionSchedule Schedule = RetentionSchedule.Load(RepoPaths.Seeds);

    /// <summary>The types whose rows, sealed parts or messages the register must describe field by field.</summary>
    public static TheoryData<Type> RegisteredTypes() =>
    [
        typeof(ComplaintEntity), typeof(ReporterDetails), typeof(CaseDetails), typeof(StatusChange), typeof(InternalNote),
        typeof(ConversationMessage), typeof(TrackingCodeEntity), typeof(AttachmentEntity), typeof(LineConversation),
        typeof(RegistrationEntity), typeof(Attendee), typeof(RegistrationGuard), typeof(AuditRecord),
    ];

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void Register_ListsEveryStoredPropertyOfTheType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var section = Section(type.Name);

        var missing = StoredProperties(type).Where(p => !section.Contains($"`{JsonNamingPolicy.CamelCase.ConvertName(p)}`", StringComparison.Ordinal)).ToArray();

        Assert.True(missing.Length == 0, $"docs/PROCESSING.md, section of `{type.Name}`, does not list: {string.Join(", ", missing)}");
        Assert.True(Citation().IsMatch(section), $"The section of `{type.Name}` says for no field how long it is kept (`kind`: period after start).");
    }

    [Fact]
    public void Register_CitesEachPeriodAsTheScheduleGivesIt()
    {
        var cited = Citation().Matches(Register).ToArray();

        Assert.All(cited, c =>
        {
            var kind = c.Groups["kind"].Value;
            var rule = Assert.Single(Schedule.Rules, r => r.Kind == kind);
            Assert.Equal($"{rule.Period} after {rule.After}", $"{c.Groups["period"].Value} after {c.Groups["after"].Value}");
        });
        Assert.Empty(Schedule.Rules.Select(r => r.Kind).Except(cited.Select(c => c.Groups["kind"].Value)));
    }

    [Fact]
    public void Register_RetentionTable_IsTheSchedule()
    {
        var rows = RetentionRow().Matches(Section("Retention schedule")).ToDictionary(m => m.Groups["kind"].Value, m => m);

        Assert.Equal(Schedule.Rules.Select(r => r.Kind).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(Schedule.Rules, rule =>
        {
            var row = rows[rule.Kind];
            Assert.Equal(
                (rule.Period.ToString(), rule.After, rule.Action, rule.AppliedBy),
                (row.Groups["period"].Value.Trim(), row.Groups["after"].Value.Trim(), row.Groups["action"].Value.Trim(), row.Groups["by"].Value.Trim()));
        });
    }

    /// <summary>The register says how long an erased evidence file can outlive its erasure in storage, as the schedule does.</summary>
    [Fact]
    public void Register_StatesTheEvidenceResidueOfTheSchedule()
    {
        var residue = Schedule[RetentionKinds.Evidence].Residue!;

        Assert.Contains($"at most {residue.Days} days", Section("What outlives an erasure"), StringComparison.Ordinal);
    }

    /// <summary>What a type stores: its settable properties, less the table's own keys and anything never serialised.</summary>
    private static IEnumerable<string> StoredProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => p.Name)
            .Except(["PartitionKey", "RowKey", "Timestamp", "ETag"]);

    /// <summary>The text from the heading that names <paramref name="key"/> (as `Type` or words) to the next heading at its level or above.</summary>
    private static string Section(string key)
    {
        var lines = Register.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith('#') && (l.Contains($"`{key}`", StringComparison.Ordinal) || l.TrimStart('#').Trim() == key));
        Assert.True(start >= 0, $"docs/PROCESSING.md has no heading for {key}.");
        var level = lines[start].TakeWhile(c => c == '#').Count();
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith('#') && l.TakeWhile(c => c == '#').Count() <= level);
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>A period cited in the register: <c>`kind`: 2 years after case-closed</c>.</summary>
    [GeneratedRegex("`(?<kind>[a-z][a-z-]*)`: (?<period>[0-9]+ [a-z]+) after (?<after>[a-z][a-z-]*)")]
    private static partial Regex Citation();

    /// <summary>A row of the retention table: kind, period, after, action, applied by.</summary>
    [GeneratedRegex(@"^\| `(?<kind>[a-z][a-z-]*)` \|(?<period>[^|]+)\|(?<after>[^|]+)\|(?<action>[^|]+)\|(?<by>[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex RetentionRow();
}
