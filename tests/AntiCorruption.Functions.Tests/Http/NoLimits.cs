using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Functions.Http;
using AntiCorruption.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Functions.Tests.Http;

/// <summary>The public route limits, all off: for tests of what a route does once it is let through.</summary>
internal static class NoLimits
{
    public static PublicRouteLimits Create(TimeProvider? time = null) =>
        new(
            new ClientRateLimits(
                Options.Create(new RateLimitOptions { ComplaintsPerHour = 0, LookupsPerHour = 0, RegistrationsPerHour = 0, ReadsPerHour = 0, LineMessagesPerHour = 0, RefusedWebhookCallsPerHour = 0 }),
                new KeyedHasher(TestKeys.Pii()),
                new LocalRateCounters(),
                time ?? TimeProvider.System,
                NullLogger<ClientRateLimits>.Instance),
            Options.Create(new ClientAddressOptions()));
}
