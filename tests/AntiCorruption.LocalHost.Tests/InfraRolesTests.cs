using System.Reflection;
using System.Text.Json;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// Least privilege, read off what the template deploys: each identity's data roles sit on the
/// container, queue, table, topic or subscription they are for, and the few wider grants are the
/// ones roles.bicep lists and explains.
/// </summary>
public class InfraRolesTests
{
    internal const string App = "app";
    private const string Deployment = "deployment";

    /// <summary>Built-in role ids (Azure's list of built-in roles), by the name roles.bicep gives them.</summary>
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["reader"] = "acdd72a7-3385-48ef-bd42-f606fba81ae7",
        ["storageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["storageBlobDataContributor"] = "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        ["storageQueueDataContributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["storageTableDataContributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["keyVaultSecretsUser"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["keyVaultSecretsOfficer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        ["serviceBusDataSender"] = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        ["serviceBusDataReceiver"] = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
        ["monitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
    };

    internal sealed record Grant(string Principal, string Role, string Scope);

    /// <summary>Every role assignment deployed, its principal named (app, deployment or the parameter), its role by name, its scope as a path.</summary>
    internal static List<Grant> Grants(params (string Name, object? Value)[] parameters)
    {
        var deployed = InfraTemplate.Deploy(parameters);
        var roleNames = BuiltIn.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        // A custom role the template defines is named "custom:" and its role name.
        foreach (var definition in deployed.Where(r => r.Type == "Microsoft.Authorization/roleDefinitions"))
        {
            roleNames[definition.Name!] = "custom:" + definition.Get("properties", "roleName");
        }

        return deployed
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments")
            .Select(r =>
            {
                // A managed identity's principal id is known once it exists: reference(<its id>).principalId.
                var principal = r.Get("properties", "principalId") switch
                {
                    InfraTemplateEvaluator.Unknown { Expression: var e } when e.Contains("/userAssignedIdentities/id-deploy-", StringComparison.Ordinal) => Deployment,
                    InfraTemplateEvaluator.Unknown { Expression: var e } when e.Contains("/userAssignedIdentities/id-", StringComparison.Ordinal) => App,
                    var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!,
                };
                var role = ((string)r.Get("properties", "roleDefinitionId")!).Split('/')[^1];
                var scope = ((string)r.Scope.Evaluate(r.Resource.GetProperty("scope"), r.Index)!).Split("/providers/", 2)[1];
                return new Grant(principal, roleNames.GetValueOrDefault(role, role), scope);
            })
            .ToList();
    }

    [Fact]
    public void StorageNamesFile_NamesWhatTheAppUses_AndEveryTriggerQueueWithItsPoisonQueue()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "storage-names.json")));
        string[] List(string name) => file.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
        var triggers = FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly).Where(f => f.QueueName is not null).Select(f => f.QueueName!).ToArray();

        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), List("tables").Order(StringComparer.Ordinal));
        Assert.Equal(StorageNames.Queues.Order(StringComparer.Ordinal), List("appQueues").Concat(List("localOnlyQueues")).Order(StringComparer.Ordinal));
        Assert.Equal(triggers.Concat(triggers.Select(StorageNames.PoisonQueueOf)).Order(StringComparer.Ordinal), List("appQueues").Order(StringComparer.Ordinal));
        Assert.Equal(
            StorageNames.Containers.Order(StringComparer.Ordinal),
            List("ownerContainers").Concat(List("contributorContainers")).Append(file.RootElement.GetProperty("auditContainer").GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The app's identity: Blob Data Owner on the evidence container and the host's two, Contributor
    /// on summaries and the audit trail, Queue Data Contributor on each trigger queue and its poison
    /// queue, Table Data Contributor on each table, Sender on the topic, Metrics Publisher on the
    /// component, the mail sender role on the communication service; on a whole account or vault
    /// only Reader (names, no data) and Secrets User.
    /// </summary>
    [Fact]
    public void AppIdentity_HoldsEachDataRoleOnTheResourceItIsFor()
    {
        var app = Grants().Where(g => g.Principal == App).ToList();
        var storage = "Microsoft.Storage/storageAccounts/" + app.Single(g => g.Role == "reader").Scope.Split('/')[2];
        var expected = new List<Grant>
        {
            new(App, "custom:Mail sender (rg-test)", app.Single(g => g.Scope.StartsWith("Microsoft.Communication/", StringComparison.Ordinal)).Scope),
            new(App, "reader", storage),
            new(App, "keyVaultSecretsUser", app.Single(g => g.Scope.StartsWith("Microsoft.KeyVault/vaults/", StringComparison.Ordinal)).Scope),
            new(App, "serviceBusDataSender", $"Microsoft.ServiceBus/namespaces/{app.Single(g => g.Role == "serviceBusDataSender").Scope.Split('/')[2]}/topics/case-events"),
            new(App, "monitoringMetricsPublisher", app.Single(g => g.Role == "monitoringMetricsPublisher").Scope),
        };
        expected.AddRange(new[] { StorageNames.AttachmentsContainer, "azure-webjobs-hosts", "azure-webjobs-secrets" }.Select(c => new Grant(App, "storageBlobDataOwner", $"{storage}/blobServices/default/containers/{c}")));
        expected.AddRange(new[] { StorageNames.SummariesContainer, StorageNames.AuditContainer }.Select(c => new Grant(App, "storageBlobDataContributor", $"{storage}/blobServices/default/containers/{c}")));
        expected.AddRange(StorageNames.Queues.Where(q => q != StorageNames.IntegrationEventsQueue).Select(q => new Grant(App, "storageQueueDataContributor", $"{storage}/queueServices/default/queues/{q}")));
        expected.AddRange(StorageNames.Tables.Select(t => new Grant(App, "storageTableDataContributor", $"{storage}/tableServices/default/tables/{t}")));

        Assert.Equal(expected.OrderBy(g => g.Role + g.Scope, StringComparer.Ordinal), app.OrderBy(g => g.Role + g.Scope, StringComparer.Ordinal));
        Assert.StartsWith("Microsoft.Insights/components/appi-", app.Single(g => g.Role == "monitoringMetricsPublisher").Scope, StringComparison.Ordinal);
        Assert.Matches("^Microsoft.KeyVault/vaults/kv-[a-z0-9]+$", app.Single(g => g.Role == "keyVaultSecretsUser").Scope);
        Assert.Matches("^Microsoft.Communication/communicationServices/acs-[a-z0-9]+$", app.Single(g => g.Role.StartsWith("custom:", StringComparison.Ordinal)).Scope);
    }

    /// <summary>The built-in role ids are Azure's: a wrong one would grant something else entirely.</summary>
    [Fact]
    public void Roles_NameAzuresBuiltInRoleIds()
    {
        var roles = InfraTemplate.Resources(InfraTemplate.Main)
            .Single(r => r.Type() == "Microsoft.Resources/deployments" && r.GetProperty("properties").GetProperty("template").TryGetProperty("variables", out var v) && v.TryGetProperty("roleIds", out _))
            .GetProperty("properties").GetProperty("template").GetProperty("variables").GetProperty("roleIds");

        Assert.Equal(BuiltIn.OrderBy(p => p.Key, StringComparer.Ordinal), roles.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>
    /// The package lives in an account of its own. The platform writes and reads it as the
    /// deployment identity, which holds Blob Data Contributor on that one container and nothing
    /// else; the app's identity has no role on the package account at all.
    /// </summary>
    [Fact]
    public void Package_IsWrittenOnlyByTheDeploymentIdentity_OnItsOwnContainer()
    {
        var grants = Grants();
        var deployment = Assert.Single(grants, g => g.Principal == Deployment);
        var site = InfraTemplate.Deploy().Single(r => r.Type == "Microsoft.Web/sites");
        var storage = (Dictionary<string, object?>)site.Get("properties", "functionAppConfig", "deployment", "storage")!;

        Assert.Equal("storageBlobDataContributor", deployment.Role);
        Assert.Matches("^Microsoft.Storage/storageAccounts/stpkg[a-z0-9]+/blobServices/default/containers/app-package$", deployment.Scope);
        Assert.DoesNotContain(grants, g => g.Principal != Deployment && g.Scope.StartsWith(string.Join('/', deployment.Scope.Split('/')[..3]), StringComparison.Ordinal));
        var identities = ((Dictionary<string, object?>)site.Get("identity", "userAssignedIdentities")!).Keys;

        // The package's address is the package account's blob endpoint (known once it exists) and container.
        Assert.Matches("/storageAccounts/stpkg[a-z0-9]+'\\)(\\.properties)?\\.primaryEndpoints\\.blob>app-package$", ((InfraTemplateEvaluator.Unknown)storage["value"]!).Expression);
        Assert.Equal("UserAssignedIdentity", ((Dictionary<string, object?>)storage["authentication"]!)["type"]);
        Assert.Matches("/userAssignedIdentities/id-deploy-[a-z0-9]+$", (string)((Dictionary<string, object?>)storage["authentication"]!)["userAssignedIdentityResourceId"]!);
        Assert.Equal(2, identities.Count);
        Assert.Matches("/userAssignedIdentities/id-[a-z0-9]+$", (string)site.Get("properties", "keyVaultReferenceIdentity")!);
    }

    /// <summary>
    /// Every event type the app publishes reaches at least one subscription (a topic keeps nothing
    /// by itself), each subscription's one rule keeps only its types, and a consuming system named
    /// as a receiver may receive from its own subscription only.
    /// </summary>
    [Fact]
    public void Topic_HasSubscriptionsForEveryEventType_AndReceiversOnTheirOwnSubscriptionOnly()
    {
        var published = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();
        var deployed = InfraTemplate.Deploy();
        var subscriptions = deployed.Where(r => r.Type == "Microsoft.ServiceBus/namespaces/topics/subscriptions").Select(r => r.Name!.Split('/')[^1]).ToArray();
        var filters = deployed.Where(r => r.Type == "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules")
            .ToDictionary(r => r.Name!.Split('/')[^2], r => (string)r.Get("properties", "sqlFilter", "sqlExpression")!, StringComparer.Ordinal);

        Assert.Equal(["complaints", "registrations", "reports"], subscriptions);
        Assert.All(deployed.Where(r => r.Type == "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules"), r => Assert.EndsWith("/$Default", r.Name, StringComparison.Ordinal));
        Assert.Equal("sys.Label IN ('ComplaintRegistered', 'ComplaintStatusChanged')", filters["complaints"]);
        Assert.All(published, type => Assert.Contains(filters.Values, f => f.Contains($"'{type}'", StringComparison.Ordinal)));
        Assert.DoesNotContain(Grants(), g => g.Role == "serviceBusDataReceiver");

        var consumer = "33333333-3333-3333-3333-333333333333";
        var withConsumer = Grants(("eventSubscriptions", new List<object?>
        {
            new Dictionary<string, object?> { ["name"] = "case-system", ["eventTypes"] = new List<object?> { "ComplaintRegistered" }, ["receiverPrincipalId"] = consumer },
            new Dictionary<string, object?> { ["name"] = "archive", ["eventTypes"] = new List<object?> { "SummaryPublished" } },
        }));
        var receiver = Assert.Single(withConsumer, g => g.Role == "serviceBusDataReceiver");
        Assert.Equal(consumer, receiver.Principal);
        Assert.EndsWith("/topics/case-events/subscriptions/case-system", receiver.Scope, StringComparison.Ordinal);
    }

    /// <summary>Whoever runs azd may create and rotate the vault's secrets (the postprovision hook), and gets nothing else.</summary>
    [Fact]
    public void Deployer_GetsSecretsOfficerOnTheVault_OnlyWhenNamed()
    {
        var deployer = "44444444-4444-4444-4444-444444444444";

        var grant = Assert.Single(Grants(("deployerPrincipalId", deployer)), g => g.Principal == deployer);
        Assert.Equal("keyVaultSecretsOfficer", grant.Role);
        Assert.StartsWith("Microsoft.KeyVault/vaults/", grant.Scope, StringComparison.Ordinal);
        Assert.DoesNotContain(Grants(), g => g.Role == "keyVaultSecretsOfficer");
    }
}
