using AntiCorruption.Core.Complaints;
using AntiCorruption.Testing;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.LocalHost.Tests;

public class HostSettingsTests
{
    private static readonly string HostJson = Path.Combine(RepoPaths.Root, "host.json");

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Load_RepoHostJson_ReadsQueueSemantics()
    {
        var settings = HostSettings.Load(Settings(), HostJson);

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(16, settings.Queues.BatchSize);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal("base64", settings.Queues.MessageEncoding);
        // CONTRACT.md: a complaint is registered within seconds, so polling backs off to 2 s at most.
        Assert.True(settings.Queues.MaxPollingInterval <= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void StoringWindow_RepoHostJson_OutlastsEveryDeliveryBeforePoison()
    {
        // The longest the queue can take to store a complaint or give it up: maxDequeueCount
        // deliveries, each running up to functionTimeout and, if its instance dies, hidden for the
        // host's 10-minute receive lease after that (a failure that returns hands it back after
        // visibilityTimeout, sooner), polled at least every maxPollingInterval.
        var queues = HostSettings.Load(Settings(), HostJson).Queues;
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(HostJson));
        var functionTimeout = TimeSpan.Parse(hostJson.RootElement.GetProperty("functionTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var delivery = functionTimeout + TimeSpan.FromTicks(Math.Max(queues.Lease.Ticks, queues.VisibilityTimeout.Ticks)) + queues.MaxPollingInterval;

        var longest = delivery * queues.MaxDequeueCount;

        Assert.Equal(TimeSpan.FromMinutes(10), queues.Lease);
        Assert.True(longest <= StoringWindow.Length, $"the queue may take {longest}; the window is {StoringWindow.Length}");
    }

    [Fact]
    public void Load_AppSettingOverride_WinsOverHostJson()
    {
        var settings = HostSettings.Load(
            Settings(("AzureFunctionsJobHost:extensions:queues:visibilityTimeout", "00:00:00"), ("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "2")),
            HostJson);

        Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        Assert.Equal(2, settings.Queues.MaxDequeueCount);
    }

    [Fact]
    public void Load_HostJsonSilent_UsesTheFunctionsDefaults()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{\"version\":\"2.0\"}");
        try
        {
            var settings = HostSettings.Load(Settings(), file);

            Assert.Equal(16, settings.Queues.BatchSize);
            Assert.Equal(5, settings.Queues.MaxDequeueCount);
            Assert.Equal(TimeSpan.FromMinutes(1), settings.Queues.MaxPollingInterval);
            Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
            Assert.Equal(8 * Environment.ProcessorCount, settings.Queues.NewBatchThreshold);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("AzureWebJobs.ProcessComplaint.Disabled", "true", true)]
    [InlineData("AzureWebJobs:ProcessComplaint:Disabled", "True", true)]
    [InlineData("AzureWebJobs:ProcessComplaint:Disabled", "1", true)]
    [InlineData("AzureWebJobs:ProcessComplaint:Disabled", "false", false)]
    [InlineData("AzureWebJobs:Health:Disabled", "true", false)]
    public void IsDisabled_ReadsBothSpellings(string key, string value, bool disabled)
    {
        Assert.Equal(disabled, LocalFunctionsHost.IsDisabled(Settings((key, value)), "ProcessComplaint"));
    }

    [Fact]
    public void ParseSchedule_SettingName_IsResolvedAndReadWithSeconds()
    {
        var schedule = TimerTriggerScheduler.Parse("%SummarySchedule%", name => name == "SummarySchedule" ? "0 0 18 * * *" : null);

        // 18:00 UTC is 01:00 the next day in Bangkok, the contract's default.
        Assert.Equal(new DateTime(2026, 11, 26, 18, 0, 0), schedule.GetNextOccurrence(new DateTime(2026, 11, 26, 14, 0, 0)));
        Assert.Equal(new DateTime(2026, 11, 27, 18, 0, 0), schedule.GetNextOccurrence(new DateTime(2026, 11, 26, 18, 0, 0)));
    }

    [Fact]
    public void ParseSchedule_FiveFields_IsReadWithoutSeconds()
    {
        var schedule = TimerTriggerScheduler.Parse("*/15 * * * *", _ => null);

        Assert.Equal(new DateTime(2026, 11, 26, 14, 15, 0), schedule.GetNextOccurrence(new DateTime(2026, 11, 26, 14, 0, 0)));
    }

    [Fact]
    public void ParseSchedule_MissingSetting_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TimerTriggerScheduler.Parse("%NoSuchSchedule%", _ => null));

        Assert.Contains("NoSuchSchedule", error.Message, StringComparison.Ordinal);
    }
}
