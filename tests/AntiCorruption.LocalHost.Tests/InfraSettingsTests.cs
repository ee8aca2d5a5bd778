using System.Reflection;
using System.Text.Json;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// The app settings the Bicep deploys are exactly the ones the app reads in Azure, and the local
/// template has every one the app reads anywhere.
/// </summary>
public class InfraSettingsTests
{
    /// <summary>
    /// Read only locally: in Azure staff tokens are checked against Entra ID's published keys, and
    /// telemetry goes to Application Insights rather than the console (or a test's own exporter).
    /// </summary>
    private static readonly string[] LocalOnly = ["StaffAuth__SigningKey", "Telemetry__Console", "Telemetry__Record"];

    /// <summary>
    /// Read by the Functions host or the Azure SDK rather than by our code (AZURE_CLIENT_ID: which of
    /// the site's two identities Azure.Identity uses when no client id is given), and by the app's
    /// telemetry, which exports as the host does.
    /// </summary>
    private static readonly string[] HostSettings =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID",
    ];

    /// <summary>
    /// Settings the template writes for mail to officers (infra/app/mail.bicep) ahead of the options
    /// classes that will read them: each counts as read until a class with its section exists, and
    /// from then on that class's properties decide. Notifications__Regions stands for
    /// Notifications__Regions__&lt;n&gt;, one per region given.
    /// </summary>
    private static readonly string[] AheadOfTheCode =
    [
        "Mail__Endpoint", "Mail__SenderAddress", "Mail__ClientId", "Notifications__Regions", "Notifications__WorkspaceUrl",
    ];

    /// <summary>Every options class of the app: a type with a public Section constant naming its configuration section.</summary>
    private static IEnumerable<Type> OptionClasses() =>
        new[] { typeof(PiiOptions).Assembly, typeof(AntiCorruption.Functions.Telemetry.TelemetryOptions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true, FieldType: var t } && t == typeof(string));

    private static string SectionOf(Type type) => (string)type.GetField("Section", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>
    /// Every setting bound to an options class (its settable properties), as an app setting name
    /// (Section__Property; a dictionary property is Section__Property__&lt;key&gt;, named here without
    /// the key), and the settings still ahead of their class.
    /// </summary>
    private static IEnumerable<string> OptionSettings()
    {
        var classes = OptionClasses().ToList();
        var sections = classes.Select(SectionOf).ToHashSet(StringComparer.Ordinal);
        return classes
            .SelectMany(type => type.GetProperties().Where(p => p.CanWrite).Select(p => $"{SectionOf(type)}__{p.Name}"))
            .Concat(AheadOfTheCode.Where(name => !sections.Contains(name.Split("__")[0])));
    }

    /// <summary>A setting's name with a dictionary key dropped (Notifications__Regions__8 is Notifications__Regions).</summary>
    private static string WithoutKey(string name) => name.Split("__") is [var section, var property, _] ? $"{section}__{property}" : name;

    private static IEnumerable<string> ScheduleSettings() =>
        FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly)
            .Where(f => f.Schedule is ['%', .., '%'])
            .Select(f => f.Schedule![1..^1]);

    private static JsonElement CompiledTemplate() => InfraTemplate.Main;

    /// <summary>The function app's settings as deployed with those parameters: name to value (a value known only at deployment is <see cref="InfraTemplateEvaluator.Unknown"/>).</summary>
    internal static Dictionary<string, object?> AppSettings(params (string Name, object? Value)[] parameters) =>
        ((List<object?>)InfraTemplate.Deploy(parameters).Single(r => r.Type == "Microsoft.Web/sites").Get("properties", "siteConfig", "appSettings")!)
            .Cast<Dictionary<string, object?>>()
            .ToDictionary(s => (string)s["name"]!, s => s["value"], StringComparer.Ordinal);

    [Fact]
    public void Bicep_SetsExactlyTheSettingsTheAppReadsInAzure()
    {
        // With officers named for a region, so that the per-region settings are written too.
        var regions = new Dictionary<string, object?> { ["8"] = "officer@pacc.go.th" };
        var deployed = AppSettings(("regionNotificationEmails", regions)).Keys.Select(WithoutKey).ToHashSet(StringComparer.Ordinal);
        var read = OptionSettings().Concat(ScheduleSettings()).Concat(HostSettings).Except(LocalOnly).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(read.Except(deployed));
        Assert.Empty(deployed.Except(read));
        Assert.DoesNotContain("StaffAuth__SigningKey", deployed);
    }

    [Fact]
    public void LocalTemplate_HasEverySettingTheAppReads()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.template.json")));
        var values = template.RootElement.GetProperty("Values").EnumerateObject().Select(p => WithoutKey(p.Name)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(OptionSettings().Concat(ScheduleSettings()).Append("AzureWebJobsStorage").Except(values));
    }

    /// <summary>Every options class is one the settings are checked against: one added later is found by its Section constant.</summary>
    [Fact]
    public void OptionClasses_IncludeEveryClassTheAppBinds()
    {
        Assert.Superset(
            new[] { typeof(PiiOptions), typeof(StaffAuthOptions), typeof(LineOptions), typeof(RateLimitOptions), typeof(ClientAddressOptions), typeof(AntiCorruption.Core.Events.ServiceBusOptions), typeof(AntiCorruption.Core.Events.EventOptions), typeof(AntiCorruption.Functions.Telemetry.TelemetryOptions) }.ToHashSet(),
            OptionClasses().ToHashSet());
    }

    private static IEnumerable<JsonElement> Resources(JsonElement template) => InfraTemplate.Resources(template);

    /// <summary>The Functions host's own containers, which infra makes so that the host needs a grant on them only.</summary>
    private static readonly string[] HostContainers = ["azure-webjobs-hosts", "azure-webjobs-secrets"];

    /// <summary>
    /// The data account gets every container, queue (with -poison) and table the app uses, and the
    /// host's containers; the audit trail's container is under an immutability policy.
    /// </summary>
    [Fact]
    public void Bicep_CreatesEveryContainerQueueAndTable_AndTheAuditTrailCannotBeRewritten()
    {
        var deployed = InfraTemplate.Deploy();
        IEnumerable<string> Made(string type) => deployed
            .Where(r => r.Type == $"Microsoft.Storage/storageAccounts/{type}" && !r.Name!.StartsWith("stpkg", StringComparison.Ordinal))
            .Select(r => r.Name!.Split('/')[^1])
            .Order(StringComparer.Ordinal);

        Assert.Equal(AntiCorruption.Core.Storage.StorageNames.Containers.Concat(HostContainers).Order(StringComparer.Ordinal), Made("blobServices/containers"));
        Assert.Equal(AntiCorruption.Core.Storage.StorageNames.Queues.Order(StringComparer.Ordinal), Made("queueServices/queues"));
        Assert.Equal(AntiCorruption.Core.Storage.StorageNames.Tables.Order(StringComparer.Ordinal), Made("tableServices/tables"));

        var policy = Assert.Single(deployed, r => r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        Assert.EndsWith($"/default/{AntiCorruption.Core.Storage.StorageNames.AuditContainer}/default", policy.Name, StringComparison.Ordinal);
        Assert.Equal(true, policy.Get("properties", "allowProtectedAppendWrites"));
    }

    /// <summary>azd looks the service up by its tag on every resource type, so exactly one resource, the site, carries it.</summary>
    [Fact]
    public void Bicep_TagsOnlyTheSiteForAzd()
    {
        var tagged = Resources(CompiledTemplate())
            .Where(r => r.TryGetProperty("tags", out var tags) && tags.GetRawText().Contains("azd-service-name", StringComparison.Ordinal))
            .Select(r => r.GetProperty("type").GetString()!)
            .ToArray();
        var modulesPassingIt = Resources(CompiledTemplate())
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && r.GetProperty("properties").GetProperty("parameters").GetRawText().Contains("azd-service-name", StringComparison.Ordinal));

        Assert.Equal(new[] { "Microsoft.Web/sites" }, tagged);
        Assert.Empty(modulesPassingIt);
    }

    /// <summary>
    /// A developer may run the app against the deployed account by identity (it allows no keys):
    /// the template grants their own object id the app's three storage data roles, and nothing at all
    /// when the parameter is empty.
    /// </summary>
    [Fact]
    public void Bicep_GrantsADevelopersIdentityTheStorageDataRoles_OnlyWhenNamed()
    {
        var template = CompiledTemplate();
        var developer = Resources(template)
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"
                && r.GetProperty("properties").GetProperty("principalType").GetString() == "User")
            .ToArray();
        var grant = Assert.Single(developer);

        Assert.Equal(string.Empty, template.GetProperty("parameters").GetProperty("developerPrincipalId").GetProperty("defaultValue").GetString());
        Assert.Equal("[not(empty(parameters('developerPrincipalId')))]", grant.GetProperty("condition").GetString());
        Assert.Equal("[parameters('developerPrincipalId')]", grant.GetProperty("properties").GetProperty("principalId").GetString());
        Assert.Equal("[length(variables('developerStorageRoles'))]", grant.GetProperty("copy").GetProperty("count").GetString());
        var roles = Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
            && r.GetProperty("properties").GetProperty("template").TryGetProperty("variables", out var v) && v.TryGetProperty("developerStorageRoles", out _));
        var granted = roles.GetProperty("properties").GetProperty("template").GetProperty("variables").GetProperty("developerStorageRoles").GetRawText();
        Assert.All(["storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor"], role => Assert.Contains(role, granted, StringComparison.Ordinal));
        Assert.DoesNotContain("keyVault", granted, StringComparison.Ordinal);
    }

    /// <summary>
    /// A redeploy must not reset a key (undoing a rotation) or carry one through the pipeline: the
    /// template writes no secret and takes none as a parameter, and Pii__PreviousKeys comes from the
    /// vault like the key it follows (scripts/ensure-secrets.sh creates what is missing).
    /// </summary>
    [Fact]
    public void Bicep_WritesNoSecret_AndReadsEveryKeyFromTheVault()
    {
        var template = CompiledTemplate();
        var resources = Resources(template).ToArray();
        var settings = AppSettings();

        Assert.DoesNotContain(resources, r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets");
        Assert.DoesNotContain(template.GetProperty("parameters").EnumerateObject(), p => p.Value.TryGetProperty("type", out var type) && type.GetString() is "securestring" or "secureObject");
        foreach (var (name, secret) in new[] { ("Pii__Key", "pii-key"), ("Pii__PreviousKeys", "pii-previous-keys"), ("Pii__HashKey", "pii-hash-key"), ("Line__ChannelSecret", "line-channel-secret"), ("Line__ChannelAccessToken", "line-channel-access-token") })
        {
            Assert.Matches($"^@Microsoft\\.KeyVault\\(VaultName=kv-[a-z0-9]+;SecretName={secret}\\)$", (string)settings[name]!);
        }

        Assert.Contains("[not(empty(parameters('deployerPrincipalId')))]", resources.Select(r => r.TryGetProperty("condition", out var c) ? c.GetString() : null));
    }

    /// <summary>After `azd down` the vault's name is held by purge protection: the template can recover it, as the preprovision hook asks.</summary>
    [Fact]
    public void Bicep_CanRecoverTheEnvironmentsDeletedVault()
    {
        var template = CompiledTemplate();
        var vault = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults" && !r.IsExisting());

        Assert.Equal("[parameters('createMode')]", vault.GetProperty("properties").GetProperty("createMode").GetString());
        Assert.True(vault.GetProperty("properties").GetProperty("enablePurgeProtection").GetBoolean());
        Assert.Equal("default", template.GetProperty("parameters").GetProperty("keyVaultCreateMode").GetProperty("defaultValue").GetString());
    }
}
