namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// Both variants of the environment: public endpoints (the default) and private networking, where
/// storage, Key Vault and Service Bus take traffic only through private endpoints in a virtual
/// network the app sends through. The private variant is compiled from a file that sets
/// usePrivateNetworking, as azd or `az deployment sub create` would, and must build and lint clean
/// like the default.
/// </summary>
public sealed class InfraNetworkTests(InfraNetworkTests.PrivateVariantFixture variant) : IClassFixture<InfraNetworkTests.PrivateVariantFixture>
{
    private const string Storage = "Microsoft.Storage/storageAccounts";
    private const string Vault = "Microsoft.KeyVault/vaults";
    private const string Namespace = "Microsoft.ServiceBus/namespaces";

    /// <summary>The private variant, compiled and linted once for the class.</summary>
    public sealed class PrivateVariantFixture : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("infra-variant-").FullName;

        public PrivateVariantFixture()
        {
            var file = InfraTemplate.Wrapper(_directory, "usePrivateNetworking: true");
            Lint = InfraTemplate.Lint(file);
            Template = InfraTemplate.Build(file);
        }

        public string Lint { get; }

        public System.Text.Json.JsonElement Template { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Which of the environment's services a resource id is.</summary>
    private static string Kind(string id) => id.Split("/providers/")[1].Split('/') switch
    {
        [_, "storageAccounts", var name] => name.StartsWith("stpkg", StringComparison.Ordinal) ? "package" : "data",
        [_, "vaults", _] => "vault",
        [_, "namespaces", _] => "namespace",
        _ => id,
    };

    private List<InfraTemplateEvaluator.Instance> PrivateVariant()
    {
        Assert.Equal("", variant.Lint);
        return new InfraTemplateEvaluator(variant.Template, new Dictionary<string, object?>()).Deployed().ToList();
    }

    [Fact]
    public void DefaultVariant_LintsClean_AndLeavesTheServicesPublicWithoutANetwork()
    {
        var deployed = InfraTemplate.Deploy();

        Assert.Equal("", InfraTemplate.Lint(InfraTemplate.MainFile));
        Assert.All(deployed.Where(r => r.Type is Storage or Vault or Namespace), r => Assert.Equal("Enabled", r.Get("properties", "publicNetworkAccess")));
        Assert.Equal("Standard", Assert.Single(deployed, r => r.Type == Namespace).Get("sku", "name"));
        Assert.DoesNotContain(deployed, r => r.Type.StartsWith("Microsoft.Network/", StringComparison.Ordinal));
        Assert.Null(Assert.Single(deployed, r => r.Type == "Microsoft.Web/sites").Get("properties", "virtualNetworkSubnetId"));
    }

    [Fact]
    public void PrivateVariant_TurnsPublicAccessOff_OnStorageKeyVaultAndServiceBus()
    {
        var deployed = PrivateVariant();
        var services = deployed.Where(r => r.Type is Storage or Vault or Namespace).ToList();

        Assert.Equal(4, services.Count);
        Assert.All(services, r => Assert.Equal("Disabled", r.Get("properties", "publicNetworkAccess")));
        Assert.All(services.Where(r => r.Type is Storage or Vault), r => Assert.Equal("Deny", r.Get("properties", "networkAcls", "defaultAction")));
        Assert.Equal("Premium", services.Single(r => r.Type == Namespace).Get("sku", "name"));
    }

    /// <summary>A private endpoint per service (storage's blob, queue and table, the package account's blob, the vault, the namespace), each registered in its private DNS zone, which the network resolves with.</summary>
    [Fact]
    public void PrivateVariant_PutsEachServiceBehindAPrivateEndpoint_WithItsDnsZone()
    {
        var deployed = PrivateVariant();
        var endpoints = deployed.Where(r => r.Type == "Microsoft.Network/privateEndpoints")
            .Select(r => (Dictionary<string, object?>)((Dictionary<string, object?>)((List<object?>)r.Get("properties", "privateLinkServiceConnections")!).Single()!)["properties"]!)
            .Select(c => $"{Kind((string)c["privateLinkServiceId"]!)}:{((List<object?>)c["groupIds"]!).Single()}")
            .Order(StringComparer.Ordinal);
        var zones = deployed.Where(r => r.Type == "Microsoft.Network/privateDnsZones").Select(r => r.Name!).Order(StringComparer.Ordinal).ToArray();
        var links = deployed.Where(r => r.Type == "Microsoft.Network/privateDnsZones/virtualNetworkLinks").ToList();
        var groups = deployed.Where(r => r.Type == "Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();

        Assert.Equal(["data:blob", "data:queue", "data:table", "namespace:namespace", "package:blob", "vault:vault"], endpoints);
        Assert.Equal(["privatelink.blob.core.windows.net", "privatelink.queue.core.windows.net", "privatelink.servicebus.windows.net", "privatelink.table.core.windows.net", "privatelink.vaultcore.azure.net"], zones);
        Assert.Equal(zones.Length, links.Count);
        Assert.All(links, l => Assert.Equal(false, l.Get("properties", "registrationEnabled")));
        Assert.Equal(6, groups.Count);
        Assert.All(groups, g => Assert.Contains("/privateDnsZones/privatelink.", (string)((Dictionary<string, object?>)((Dictionary<string, object?>)((List<object?>)g.Get("properties", "privateDnsZoneConfigs")!).Single()!)["properties"]!)["privateDnsZoneId"]!, StringComparison.Ordinal));
    }

    /// <summary>The app sends through a subnet delegated to Microsoft.App/environments (Flex Consumption's virtual network integration).</summary>
    [Fact]
    public void PrivateVariant_IntegratesTheAppWithItsDelegatedSubnet()
    {
        var deployed = PrivateVariant();
        var network = Assert.Single(deployed, r => r.Type == "Microsoft.Network/virtualNetworks");
        var subnets = ((List<object?>)network.Get("properties", "subnets")!).Cast<Dictionary<string, object?>>().ToDictionary(s => (string)s["name"]!, s => (Dictionary<string, object?>)s["properties"]!, StringComparer.Ordinal);
        var site = Assert.Single(deployed, r => r.Type == "Microsoft.Web/sites");

        Assert.Equal("Microsoft.App/environments", ((Dictionary<string, object?>)((Dictionary<string, object?>)((List<object?>)subnets["app"]["delegations"]!).Single()!)["properties"]!)["serviceName"]);
        Assert.Equal("Disabled", subnets["endpoints"]["privateEndpointNetworkPolicies"]);
        Assert.Matches("/virtualNetworks/vnet-[a-z0-9]+/subnets/app$", (string)site.Get("properties", "virtualNetworkSubnetId")!);
    }
}
