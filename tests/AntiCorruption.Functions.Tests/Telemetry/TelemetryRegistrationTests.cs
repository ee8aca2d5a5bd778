using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using AntiCorruption.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Functions.Tests.Telemetry;

public class TelemetryRegistrationTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTelemetry(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddTelemetry_WithAConnectionString_ExportsToApplicationInsightsAsTheManagedIdentity()
    {
        using var services = Services(
            (TelemetryRegistration.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/"),
            (MonitorCredential.Setting, "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD"));

        var options = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

        Assert.StartsWith("InstrumentationKey=00000000", options.ConnectionString, StringComparison.Ordinal);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        Assert.False(options.EnableLiveMetrics);
        Assert.Null(options.TracesPerSecond);
        Assert.Equal(1f, options.SamplingRatio);
    }

    [Fact]
    public void AddTelemetry_WithoutAConnectionString_RegistersNoApplicationInsightsExporter()
    {
        using var services = Services();

        Assert.Empty(services.GetServices<Microsoft.Extensions.Options.IConfigureOptions<AzureMonitorExporterOptions>>());
    }

    [Fact]
    public void AddTelemetry_WithNowhereToSend_RecordsNothing()
    {
        using var services = Services();
        using var source = new System.Diagnostics.ActivitySource(AntiCorruption.Core.Telemetry.AppTelemetry.Name);

        Assert.Null(services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(source.StartActivity("nobody listens"));
    }

    [Theory]
    [InlineData("Telemetry:Console")]
    [InlineData("Telemetry:Record")]
    public void AddTelemetry_ToTheConsoleOrForATest_RecordsTheAppsSpans(string setting)
    {
        using var services = Services((setting, "true"));
        using var tracing = services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>();
        using var source = new System.Diagnostics.ActivitySource(AntiCorruption.Core.Telemetry.AppTelemetry.Name);

        using var span = source.StartActivity("recorded");

        Assert.NotNull(span);
        Assert.True(span.Recorded);
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 11111111-2222-3333-4444-555555555555 ")]
    public void MonitorCredential_AadAuthenticationString_IsAManagedIdentity(string setting)
    {
        Assert.IsType<ManagedIdentityCredential>(MonitorCredential.From(setting));
    }

    [Fact]
    public void MonitorCredential_NoSetting_IsNone_AndAnotherAuthorizationIsRefused()
    {
        Assert.Null(MonitorCredential.From(null));
        Assert.Null(MonitorCredential.From(""));
        Assert.Throws<InvalidOperationException>(() => MonitorCredential.From("Authorization=Key"));
    }
}
