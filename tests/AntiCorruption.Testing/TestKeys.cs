using AntiCorruption.Core.Privacy;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Testing;

/// <summary>Fixed keys for tests, never used anywhere else.</summary>
public static class TestKeys
{
    public const string PiiKey = "dGVzdC1waWkta2V5LTMyLWJ5dGVzLWxvbmctLS0tLS0=";
    public const string OtherPiiKey = "b3RoZXItcGlpLWtleS0zMi1ieXRlcy1sb25nLS0tLS0=";
    public const string HashKey = "dGVzdC1oYXNoLWtleS0zMi1ieXRlcy1sb25nLS0tLS0=";

    public static IOptions<PiiOptions> Pii(string key = PiiKey, string previous = "") =>
        Options.Create(new PiiOptions { Key = key, HashKey = HashKey, PreviousKeys = previous });

    /// <summary>App settings for a host under test.</summary>
    public static Dictionary<string, string?> Settings(string storageConnection) => new()
    {
        ["AzureWebJobsStorage"] = storageConnection,
        ["Pii:Key"] = PiiKey,
        ["Pii:HashKey"] = HashKey,
        ["SummarySchedule"] = "0 0 18 * * *",
        // Tests submit many complaints from one address; the limits have tests of their own.
        ["RateLimit:ComplaintsPerHour"] = "0",
        ["RateLimit:LookupsPerHour"] = "0",
    };
}
