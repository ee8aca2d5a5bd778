using AntiCorruption.Core.Privacy;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Testing;

/// <summary>Fixed keys for tests, never used anywhere else.</summary>
public static class TestKeys
{
    public const string PiiKey = "dGVzdC1waWkta2V5LTMyLWJ5dGVzLWxvbmctLS0tLS0=";
    public const string OtherPiiKey = "b3RoZXItcGlpLWtleS0zMi1ieXRlcy1sb25nLS0tLS0=";
    public const string HashKey = "dGVzdC1oYXNoLWtleS0zMi1ieXRlcy1sb25nLS0tLS0=";

    public const string LineChannelSecret = "test-line-channel-secret";
    public const string LineAccessToken = "test-line-access-token";

    public const string StaffIssuer = "https://login.test/anticorruption";
    public const string StaffAudience = "api://anticorruption-test";
    public const string StaffSigningKey = "c3RhZmYtc2lnbmluZy1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXMhIQ==";

    public static AntiCorruption.Core.Staff.StaffAuthOptions StaffAuth(string? signingKey = null) =>
        new() { Issuer = StaffIssuer, Audience = StaffAudience, SigningKey = signingKey ?? StaffSigningKey };

    /// <summary>A valid local staff token with these roles; head office (Region.All) unless a scope role is among them.</summary>
    public static string StaffToken(params string[] roles) =>
        AntiCorruption.Core.Staff.StaffAuthenticator.IssueLocalToken(
            StaffAuth(),
            "officer-" + string.Join('-', roles.Where(r => !r.StartsWith("Region.", StringComparison.Ordinal))),
            roles.Any(r => r.StartsWith("Region.", StringComparison.Ordinal)) ? roles : [.. roles, AntiCorruption.Core.Staff.StaffRoles.AllRegions]);

    public static IOptions<PiiOptions> Pii(string key = PiiKey, string previous = "") =>
        Options.Create(new PiiOptions { Key = key, HashKey = HashKey, PreviousKeys = previous });

    /// <summary>App settings for a host under test.</summary>
    public static Dictionary<string, string?> Settings(string storageConnection) => new()
    {
        ["AzureWebJobsStorage"] = storageConnection,
        ["Pii:Key"] = PiiKey,
        ["Pii:HashKey"] = HashKey,
        ["SummarySchedule"] = "0 0 18 * * *",
        ["MetricsSchedule"] = "0 */5 * * * *",
        ["RetentionSchedule"] = "0 0 20 * * *",
        ["Line:ChannelSecret"] = LineChannelSecret,
        ["Line:ChannelAccessToken"] = LineAccessToken,
        ["StaffAuth:Issuer"] = StaffIssuer,
        ["StaffAuth:Audience"] = StaffAudience,
        ["StaffAuth:SigningKey"] = StaffSigningKey,
        // Tests submit many complaints from one address; the limits have tests of their own.
        ["RateLimit:ComplaintsPerHour"] = "0",
        ["RateLimit:LookupsPerHour"] = "0",
        ["RateLimit:RegistrationsPerHour"] = "0",
        ["RateLimit:ReadsPerHour"] = "0",
        ["RateLimit:LineMessagesPerHour"] = "0",
        ["RateLimit:RefusedWebhookCallsPerHour"] = "0",
        ["RateLimit:RefusedStaffCallsPerMinute"] = "0",
        // EventTests read complaint events as they happen; the hold until the day's end has tests of its own.
        ["Events:HoldComplaintEvents"] = "false",
        // The hourly purge at :20 also seals evidence stored before sealing. Tests run both with a
        // fixed clock (RetentionTests, EarlierAttachmentSealingTests) and lay first-shape files
        // down on purpose; a host's own run on the wall clock would race them.
        ["AzureWebJobs:PurgeExpiredRecords:Disabled"] = "true",
        // The metrics timer reads every queue and two years of complaints every five minutes of the
        // wall clock; its figures are tested with a fixed clock on storage of their own (OperationalMetricsTests).
        ["AzureWebJobs:RecordOperationalMetrics:Disabled"] = "true",
        // The daily retention run erases what is past its period; RetentionRunTests run it with a
        // moved clock on an Azurite of their own, and no host's own run may touch other tests' data.
        ["AzureWebJobs:ApplyRetention:Disabled"] = "true",
    };
}
