using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// The storage windows the Bicep deploys agree with the retention schedule (seeds/retention.json):
/// an erased evidence file does not live on in blob versions and soft delete longer than the
/// schedule says, audit records are held unchangeable exactly as long as it says, and the
/// backstop for unclaimed uploads comes after the timer's period, never before.
/// </summary>
public class InfraRetentionTests
{
    private static readonly RetentionSchedule Schedule = RetentionSchedule.Load(RepoPaths.Seeds);

    private static IReadOnlyList<InfraTemplateEvaluator.Instance> Deployed { get; } = InfraTemplate.Deploy();

    /// <summary>The data account's resources (the package's own account, stpkg..., holds no personal data).</summary>
    private static InfraTemplateEvaluator.Instance Single(string type) =>
        Assert.Single(Deployed, r => r.Type == type && !r.Name!.StartsWith("stpkg", StringComparison.Ordinal));

    private static Dictionary<string, object?> Rule(string name)
    {
        var rules = (List<object?>)Single("Microsoft.Storage/storageAccounts/managementPolicies").Get("properties", "policy", "rules")!;
        return Assert.Single(rules.Cast<Dictionary<string, object?>>(), r => (string?)r["name"] == name);
    }

    private static object? At(Dictionary<string, object?> value, params string[] path) =>
        path.Aggregate<string, object?>(value, (v, key) => v is Dictionary<string, object?> d ? d.GetValueOrDefault(key) : null);

    /// <summary>
    /// A deleted file's last version waits for the rule that deletes versions older than N days,
    /// which runs once a day (N + 1 days at most), then soft delete keeps it its days: the
    /// schedule's residue for evidence must be exactly that sum, so a change to either side fails here.
    /// </summary>
    [Fact]
    public void Bicep_EvidenceVersionsAndSoftDelete_EndWithinTheScheduledResidue()
    {
        var blobs = Single("Microsoft.Storage/storageAccounts/blobServices");
        var versions = Rule("attachment-versions");

        Assert.Equal(true, blobs.Get("properties", "isVersioningEnabled"));
        Assert.Equal(true, blobs.Get("properties", "deleteRetentionPolicy", "enabled"));
        Assert.Equal(true, versions["enabled"]);
        Assert.Contains($"{StorageNames.AttachmentsContainer}/", (List<object?>)At(versions, "definition", "filters", "prefixMatch")!);
        Assert.Null(At(versions, "definition", "filters", "blobIndexMatch"));
        var versionDays = (double)At(versions, "definition", "actions", "version", "delete", "daysAfterCreationGreaterThan")!;
        var softDeleteDays = (double)blobs.Get("properties", "deleteRetentionPolicy", "days")!;

        Assert.Equal(versionDays + 1 + softDeleteDays, Schedule[RetentionKinds.Evidence].Residue!.Days);
    }

    [Fact]
    public void Bicep_AuditTrailImmutability_IsTheScheduledPeriodForAuditRecords()
    {
        var policy = Single("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        var period = Schedule[RetentionKinds.AuditRecords].Period;

        Assert.Equal(RetentionUnit.Days, period.Unit);
        Assert.Equal((double)period.Count, policy.Get("properties", "immutabilityPeriodSinceCreationInDays"));
    }

    [Fact]
    public void Bicep_UnclaimedUploadsBackstop_ComesAfterTheScheduledPeriod()
    {
        var unclaimed = Rule("unclaimed-attachments");
        var days = (double)At(unclaimed, "definition", "actions", "baseBlob", "delete", "daysAfterCreationGreaterThan")!;

        Assert.True(TimeSpan.FromDays(days) > Schedule[RetentionKinds.UnclaimedUploads].Period.Longest);
    }
}
