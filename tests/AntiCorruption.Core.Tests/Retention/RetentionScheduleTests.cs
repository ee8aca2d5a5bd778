using System.Text;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Retention;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Retention;

public class RetentionScheduleTests
{
    private static readonly string SeedText = File.ReadAllText(Path.Combine(RepoPaths.Seeds, RetentionSchedule.FileName));

    [Fact]
    public void Load_TheCommittedSchedule_GivesEveryKindAPeriodAndAReason()
    {
        var schedule = RetentionSchedule.Load(RepoPaths.Seeds);

        Assert.Equal(RetentionKinds.All.Select(k => k.Id).Order(StringComparer.Ordinal), schedule.Rules.Select(r => r.Kind).Order(StringComparer.Ordinal));
        Assert.All(schedule.Rules, r => Assert.True(r.Reason.Length >= 40 && r.NameTh.Length > 0, r.Kind));
        Assert.Equal(new RetentionPeriod(2, RetentionUnit.Years), schedule[RetentionKinds.ReporterIdentity].Period);
        Assert.Equal(new RetentionPeriod(90, RetentionUnit.Days), schedule[RetentionKinds.RegistrationContacts].Period);
        Assert.Equal(new RetentionPeriod(3650, RetentionUnit.Days), schedule[RetentionKinds.AuditRecords].Period);
        Assert.Equal(RetentionKinds.Keep, schedule[RetentionKinds.AuditRecords].Action);
        Assert.Matches("^[0-9a-f]{64}$", schedule.Sha256);
    }

    [Fact]
    public void Parse_AKindLeftOut_IsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(file => Kinds(file).RemoveAt(Index(file, RetentionKinds.Messages))));

        Assert.Contains("kind messages is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnUnknownKindOrAnUnknownProperty_IsRefused()
    {
        Assert.Contains("unknown kind 'photos'", Assert.Throws<InvalidDataException>(() => Parse(file => Entry(file, RetentionKinds.Messages)["kind"] = "photos")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => Parse(file => Entry(file, RetentionKinds.Messages)["periode"] = "1 year"));
    }

    /// <summary>The file may not claim the app erases a field it does not, nor leave out one it does.</summary>
    [Theory]
    [InlineData("fields")]
    [InlineData("action")]
    [InlineData("after")]
    [InlineData("appliedBy")]
    [InlineData("record")]
    public void Parse_AFactThatIsNotWhatTheAppDoes_IsRefused(string property)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(file =>
        {
            var entry = Entry(file, RetentionKinds.ReporterIdentity);
            entry[property] = property == "fields" ? new JsonArray("reporter.name") : "something else";
        }));

        Assert.Contains($"reporter-identity: {property}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two years")]
    [InlineData("0 days")]
    [InlineData("1 days")]
    [InlineData("2 day")]
    [InlineData("3 weeks")]
    [InlineData("")]
    public void Parse_APeriodThatIsNotANumberAndAUnit_IsRefused(string period)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(file => Entry(file, RetentionKinds.Messages)["period"] = period));

        Assert.Contains("messages: period", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// What the law or storage decides is a bound: audit records at least the ten years of official
    /// files, poison messages at most the seven days storage keeps them, a retry window at least an hour.
    /// </summary>
    [Theory]
    [InlineData(RetentionKinds.AuditRecords, "9 years", "shorter")]
    [InlineData(RetentionKinds.CaseRecord, "5 years", "shorter")]
    [InlineData(RetentionKinds.PoisonMessages, "30 days", "longer")]
    [InlineData(RetentionKinds.IdempotencyAnswers, "0 hours", "period")]
    [InlineData(RetentionKinds.UnclaimedUploads, "2 days", "longer")]
    [InlineData(RetentionKinds.ReporterIdentity, "1 day", "shorter")]
    public void Parse_APeriodOutsideItsBounds_IsRefused(string kind, string period, string said)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(file => Entry(file, kind)["period"] = period));

        Assert.Contains($"{kind}: period", error.Message, StringComparison.Ordinal);
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AMissingReasonOrEvidenceWithoutItsResidue_IsRefused()
    {
        Assert.Contains("messages: the reason", Assert.Throws<InvalidDataException>(() => Parse(file => Entry(file, RetentionKinds.Messages)["reason"] = "because")).Message, StringComparison.Ordinal);
        Assert.Contains("evidence: residue", Assert.Throws<InvalidDataException>(() => Parse(file => Entry(file, RetentionKinds.Evidence).Remove("residue"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnEditedPeriod_IsTakenAsWritten()
    {
        var schedule = Parse(file => Entry(file, RetentionKinds.ReporterIdentity)["period"] = "18 months");

        Assert.Equal(new RetentionPeriod(18, RetentionUnit.Months), schedule[RetentionKinds.ReporterIdentity].Period);
    }

    [Theory]
    [InlineData("1 hour", "2027-03-01T00:30:00+00:00", "2027-02-28T23:30:00+00:00")]
    [InlineData("90 days", "2027-03-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00")]
    [InlineData("2 years", "2028-02-29T10:00:00+00:00", "2026-02-28T10:00:00+00:00")]
    [InlineData("6 months", "2027-08-31T00:00:00+00:00", "2027-02-28T00:00:00+00:00")]
    public void Before_CountsCalendarMonthsAndYears(string text, string now, string expected)
    {
        Assert.True(RetentionPeriod.TryParse(text, out var period));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), period.Before(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(text, period.ToString());
    }

    private static RetentionSchedule Parse(Action<JsonObject> edit)
    {
        var file = JsonNode.Parse(SeedText)!.AsObject();
        edit(file);
        return RetentionSchedule.Parse(Encoding.UTF8.GetBytes(file.ToJsonString()));
    }

    private static JsonArray Kinds(JsonObject file) => file["kinds"]!.AsArray();

    private static int Index(JsonObject file, string kind) =>
        Kinds(file).Select((k, i) => (k, i)).Single(p => p.k!["kind"]!.GetValue<string>() == kind).i;

    private static JsonObject Entry(JsonObject file, string kind) => Kinds(file)[Index(file, kind)]!.AsObject();
}
