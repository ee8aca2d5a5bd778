using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// What tells operators that something is wrong: the action group and its receivers, the log
/// alerts over the app's metrics, the availability test of /api/health, the workbook, the audit
/// logs of the vault and storage; and the always-ready HTTP instances.
/// </summary>
public class InfraMonitoringTests
{
    private static InfraTemplateEvaluator.Instance Single(IEnumerable<InfraTemplateEvaluator.Instance> deployed, string type) =>
        Assert.Single(deployed, r => r.Type == type);

    private static List<Dictionary<string, object?>> List(object? value) => ((List<object?>)value!).Cast<Dictionary<string, object?>>().ToList();

    [Fact]
    public void ActionGroup_NotifiesTheAddressesNumbersAndWebhookGiven()
    {
        var group = Single(InfraTemplate.Deploy(
            ("alertEmails", " duty@pacc.go.th, ,ops@pacc.go.th"),
            ("alertSmsNumbers", "812345678"),
            ("alertWebhookUrl", "https://hooks.example.go.th/pacc")), "Microsoft.Insights/actionGroups");

        Assert.Equal(["duty@pacc.go.th", "ops@pacc.go.th"], List(group.Get("properties", "emailReceivers")).Select(r => r["emailAddress"]));
        Assert.Equal(("66", "812345678"), List(group.Get("properties", "smsReceivers")).Select(r => ((string)r["countryCode"]!, (string)r["phoneNumber"]!)).Single());
        Assert.Equal("https://hooks.example.go.th/pacc", List(group.Get("properties", "webhookReceivers")).Single()["serviceUri"]);

        var quiet = Single(InfraTemplate.Deploy(), "Microsoft.Insights/actionGroups");
        Assert.Empty(List(quiet.Get("properties", "emailReceivers")));
        Assert.Empty(List(quiet.Get("properties", "webhookReceivers")));
    }

    /// <summary>Poison messages (any -poison queue above 0), an overdue backlog per region and the failure rate, with their parameters, over the component, to the action group.</summary>
    [Fact]
    public void LogAlerts_WatchPoisonQueuesOverdueCasesAndTheFailureRate_WithTheirParameters()
    {
        var deployed = InfraTemplate.Deploy(("overdueBacklogThreshold", 7.0), ("failureRatePercent", 3.0), ("failureRateWindowMinutes", 30.0), ("failureRateMinimumRequests", 50.0));
        var rules = deployed.Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules")
            .ToDictionary(r => r.Name!.Split('-')[0], r => r, StringComparer.Ordinal);
        Dictionary<string, object?> Criterion(string rule) => List(rules[rule].Get("properties", "criteria", "allOf")).Single();

        Assert.Equal(["failure", "overdue", "poison"], rules.Keys.Order(StringComparer.Ordinal));
        Assert.All(rules.Values, rule =>
        {
            Assert.Equal("GreaterThan", List(rule.Get("properties", "criteria", "allOf")).Single()["operator"]);
            Assert.Matches("/providers/Microsoft.Insights/actionGroups/ag-", (string)((List<object?>)rule.Get("properties", "actions", "actionGroups")!).Single()!);
            Assert.Matches("/providers/Microsoft.Insights/components/appi-[a-z0-9]+$", (string)((List<object?>)rule.Get("properties", "scopes")!).Single()!);
        });

        var poison = Criterion("poison");
        Assert.Contains("\"anticorruption.queue.depth\"", (string)poison["query"]!, StringComparison.Ordinal);
        Assert.Contains("endswith \"-poison\"", (string)poison["query"]!, StringComparison.Ordinal);
        Assert.Equal(0.0, poison["threshold"]);
        Assert.Equal("queue", List(poison["dimensions"]).Single()["name"]);

        var overdue = Criterion("overdue");
        Assert.Contains("\"anticorruption.complaints.overdue\"", (string)overdue["query"]!, StringComparison.Ordinal);
        Assert.Equal(7.0, overdue["threshold"]);
        Assert.Equal("region", List(overdue["dimensions"]).Single()["name"]);

        var failures = Criterion("failure");
        Assert.Equal(3.0, failures["threshold"]);
        Assert.Contains("where total >= 50", (string)failures["query"]!, StringComparison.Ordinal);
        Assert.Equal("PT30M", rules["failure"].Get("properties", "windowSize"));
    }

    /// <summary>A standard test of GET /api/health expecting 200, and a metric alert when two locations fail.</summary>
    [Fact]
    public void HealthEndpoint_HasAStandardAvailabilityTest_AndItsAlert()
    {
        var deployed = InfraTemplate.Deploy();
        var test = Single(deployed, "Microsoft.Insights/webtests");
        var alert = Single(deployed, "Microsoft.Insights/metricAlerts");

        Assert.Equal("standard", test.Get("kind"));
        Assert.Equal("GET", test.Get("properties", "Request", "HttpVerb"));
        Assert.EndsWith("/api/health", ((InfraTemplateEvaluator.Unknown)test.Get("properties", "Request", "RequestUrl")!).Expression, StringComparison.Ordinal);
        Assert.Equal(200.0, test.Get("properties", "ValidationRules", "ExpectedHttpStatusCode"));
        Assert.True(((List<object?>)test.Get("properties", "Locations")!).Count >= 5);
        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", alert.Get("properties", "criteria", "odata.type"));
        Assert.EndsWith($"/webtests/{test.Name}", (string)alert.Get("properties", "criteria", "webTestId")!, StringComparison.Ordinal);
        Assert.Equal(2.0, alert.Get("properties", "criteria", "failedLocationCount"));
        Assert.Contains("/actionGroups/ag-", (string)List(alert.Get("properties", "actions")).Single()["actionGroupId"]!, StringComparison.Ordinal);
    }

    /// <summary>The workbook shows intake, processing lag, poison queues, overdue cases per region and LINE latency, over the component.</summary>
    [Fact]
    public void Workbook_ShowsIntakeLagPoisonOverdueAndLineLatency()
    {
        using var workbook = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "workbook.json")));
        var queries = workbook.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("type").GetInt32() == 3)
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("content").GetProperty("query").GetString()!, StringComparer.Ordinal);
        var deployed = Single(InfraTemplate.Deploy(), "Microsoft.Insights/workbooks");

        Assert.Contains("\"SubmitComplaint\"", queries["intake-requests"], StringComparison.Ordinal);
        Assert.Contains("\"/api/complaints\"", queries["intake-requests"], StringComparison.Ordinal);
        Assert.Contains("\"anticorruption.complaints.received\"", queries["intake-received"], StringComparison.Ordinal);
        Assert.Contains("not(queue endswith \"-poison\")", queries["lag-depth"], StringComparison.Ordinal);
        Assert.Contains("where queue endswith \"-poison\"", queries["poison-latest"], StringComparison.Ordinal);
        Assert.Contains("customDimensions[\"region\"]", queries["overdue-latest"], StringComparison.Ordinal);
        Assert.Contains("(\"api.line.me\", \"api-data.line.me\")", queries["line-latency"], StringComparison.Ordinal);
        Assert.All(queries.Keys, name => Assert.Equal("TimeRange", workbook.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name).GetProperty("content").GetProperty("timeContextFromParameter").GetString()));
        Assert.Equal("shared", deployed.Get("kind"));
        Assert.Matches("/providers/Microsoft.Insights/components/appi-[a-z0-9]+$", (string)deployed.Get("properties", "sourceId")!);

        // The file's placeholder becomes the component, so the queries run against it wherever the workbook is opened.
        using var serialized = JsonDocument.Parse((string)deployed.Get("properties", "serializedData")!);
        Assert.Equal("__INSIGHTS_ID__", workbook.RootElement.GetProperty("fallbackResourceIds")[0].GetString());
        Assert.Equal(deployed.Get("properties", "sourceId"), serialized.RootElement.GetProperty("fallbackResourceIds")[0].GetString());
        Assert.Equal(workbook.RootElement.GetProperty("items").GetRawText(), serialized.RootElement.GetProperty("items").GetRawText());
    }

    /// <summary>Key Vault's audit log, and each storage service's reads, writes and deletes, go to the workspace; reads can be left out.</summary>
    [Fact]
    public void DiagnosticSettings_SendVaultAuditAndStorageLogsToTheWorkspace()
    {
        static Dictionary<string, string[]> Logs(IEnumerable<InfraTemplateEvaluator.Instance> deployed) => deployed
            .Where(r => r.Type == "Microsoft.Insights/diagnosticSettings")
            .ToDictionary(
                r => ((string)r.Scope.Evaluate(r.Resource.GetProperty("scope"), r.Index)!).Split("/providers/")[1].Split('/') switch { [_, "vaults", ..] => "vault", [_, "storageAccounts", var account, var service, ..] => $"{account[..5]}:{service}", var other => string.Join('/', other) },
                r => List(r.Get("properties", "logs")).Where(l => l["enabled"] is true).Select(l => (string)l["category"]!).ToArray(),
                StringComparer.Ordinal);

        var logs = Logs(InfraTemplate.Deploy());
        var withoutReads = Logs(InfraTemplate.Deploy(("logStorageReads", false)));
        var storageServices = logs.Keys.Where(k => k.StartsWith("st", StringComparison.Ordinal) && !k.StartsWith("stpkg", StringComparison.Ordinal)).ToArray();

        Assert.Equal(["AuditEvent"], logs["vault"]);
        Assert.Equal(3, storageServices.Length);
        Assert.All(storageServices, k => Assert.Equal(["StorageRead", "StorageWrite", "StorageDelete"], logs[k]));
        Assert.All(storageServices, k => Assert.Equal(["StorageWrite", "StorageDelete"], withoutReads[k]));
        Assert.Equal(["StorageRead", "StorageWrite", "StorageDelete"], logs["stpkg:blobServices"]);
    }

    /// <summary>Application Insights takes Entra ID telemetry only, masks client addresses, and the app sends as its identity.</summary>
    [Fact]
    public void ApplicationInsights_TakesEntraTelemetryOnly_AndKeepsNoClientAddress()
    {
        var deployed = InfraTemplate.Deploy();
        var component = Single(deployed, "Microsoft.Insights/components");
        var settings = List(Single(deployed, "Microsoft.Web/sites").Get("properties", "siteConfig", "appSettings"))
            .ToDictionary(s => (string)s["name"]!, s => s["value"], StringComparer.Ordinal);

        Assert.Equal(true, component.Get("properties", "DisableLocalAuth"));
        Assert.Equal(false, component.Get("properties", "DisableIpMasking"));
        Assert.Matches("^ClientId=<reference\\('/subscriptions/.*/userAssignedIdentities/id-[a-z0-9]+'\\)\\.clientId>;Authorization=AAD$", ((InfraTemplateEvaluator.Unknown)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!).Expression);
    }

    /// <summary>One always-ready instance for the HTTP group by default; the parameter sets the count, and 0 removes it.</summary>
    [Theory]
    [InlineData(null, 1)]
    [InlineData(3.0, 3)]
    [InlineData(0.0, 0)]
    public void FunctionApp_KeepsHttpInstancesReady_AsManyAsAsked(double? asked, int expected)
    {
        var deployed = asked is { } count ? InfraTemplate.Deploy(("httpAlwaysReadyInstances", count)) : InfraTemplate.Deploy();
        var alwaysReady = List(Single(deployed, "Microsoft.Web/sites").Get("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady"));

        Assert.Equal(expected == 0 ? [] : [("http", (double)expected)], alwaysReady.Select(a => ((string)a["name"]!, (double)a["instanceCount"]!)));
    }
}
