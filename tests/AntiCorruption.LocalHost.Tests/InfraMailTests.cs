using System.Text.Json;
using System.Text.RegularExpressions;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// Mail to officers through Azure Communication Services Email (infra/app/mail.bicep): an email
/// service with the Azure-managed domain or the operator's own, a communication service linked to
/// it, the app's identity allowed to send on that one service, and the settings the app sends with.
/// </summary>
public class InfraMailTests
{
    private static InfraTemplateEvaluator.Instance Single(IEnumerable<InfraTemplateEvaluator.Instance> deployed, string type) =>
        Assert.Single(deployed, r => r.Type == type);

    private static string Expression(object? value) => Assert.IsType<InfraTemplateEvaluator.Unknown>(value).Expression;

    [Fact]
    public void Defaults_SendFromTheAzureManagedDomain_ThroughACommunicationServiceLinkedToIt()
    {
        var deployed = InfraTemplate.Deploy();
        var service = Single(deployed, "Microsoft.Communication/emailServices");
        var domain = Single(deployed, "Microsoft.Communication/emailServices/domains");
        var sender = Single(deployed, "Microsoft.Communication/emailServices/domains/senderUsernames");
        var communication = Single(deployed, "Microsoft.Communication/communicationServices");

        Assert.Matches("^ecs-[a-z0-9]+$", service.Name);
        Assert.Equal("global", service.Get("location"));
        Assert.Equal("Asia Pacific", service.Get("properties", "dataLocation"));
        Assert.Equal($"{service.Name}/AzureManagedDomain", domain.Name);
        Assert.Equal("AzureManaged", domain.Get("properties", "domainManagement"));
        Assert.Equal("Disabled", domain.Get("properties", "userEngagementTracking"));
        Assert.Equal($"{domain.Name}/donotreply", sender.Name);
        Assert.Equal("DoNotReply", sender.Get("properties", "username"));

        Assert.Matches("^acs-[a-z0-9]+$", communication.Name);
        Assert.Equal("global", communication.Get("location"));
        Assert.Equal("Asia Pacific", communication.Get("properties", "dataLocation"));
        Assert.Equal(true, communication.Get("properties", "disableLocalAuth"));
        var linked = Assert.Single((List<object?>)communication.Get("properties", "linkedDomains")!);
        Assert.EndsWith($"/resourceGroups/rg-test/providers/Microsoft.Communication/emailServices/{service.Name}/domains/AzureManagedDomain", (string)linked!, StringComparison.Ordinal);

        // Every mail resource carries the environment's tags, and nothing but the site is tagged for azd.
        Assert.All([service, domain, communication], r => Assert.Equal("test", ((Dictionary<string, object?>)r.Get("tags")!)["azd-env-name"]));
    }

    /// <summary>
    /// The app's identity may send on the one communication service, under a custom role holding
    /// only the three actions Microsoft documents for sending with Entra ID, assignable in the
    /// environment's resource group alone; no built-in Communication role and nothing on the group.
    /// </summary>
    [Fact]
    public void AppIdentity_MaySendOnTheCommunicationServiceOnly_UnderARoleWithTheSendActionsAlone()
    {
        var deployed = InfraTemplate.Deploy();
        var definition = Single(deployed, "Microsoft.Authorization/roleDefinitions");
        var permissions = Assert.Single((List<object?>)definition.Get("properties", "permissions")!);
        var grants = InfraRolesTests.Grants().Where(g => g.Role == "custom:Mail sender (rg-test)").ToList();
        var communication = Single(deployed, "Microsoft.Communication/communicationServices");

        Assert.Equal(
            ["Microsoft.Communication/CommunicationServices/Read", "Microsoft.Communication/CommunicationServices/Write", "Microsoft.Communication/EmailServices/write"],
            ((List<object?>)((Dictionary<string, object?>)permissions!)["actions"]!).Cast<string>());
        Assert.Empty((List<object?>)((Dictionary<string, object?>)permissions!)["notActions"]!);
        Assert.Equal("CustomRole", definition.Get("properties", "type"));
        Assert.Equal(["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test"], ((List<object?>)definition.Get("properties", "assignableScopes")!).Cast<string>());

        var grant = Assert.Single(grants);
        Assert.Equal(InfraRolesTests.App, grant.Principal);
        Assert.Equal($"Microsoft.Communication/communicationServices/{communication.Name}", grant.Scope);
        Assert.DoesNotContain(InfraRolesTests.Grants(), g => g.Scope.StartsWith("Microsoft.Communication/", StringComparison.Ordinal) && g != grant);
    }

    [Fact]
    public void Defaults_GiveTheAppItsEndpointSenderAndIdentity_AndTheWorkspaceLink()
    {
        var settings = InfraSettingsTests.AppSettings();
        var site = Single(InfraTemplate.Deploy(), "Microsoft.Web/sites");

        // Known once the services exist: the communication service's host name, the domain's sender domain.
        Assert.Matches("^https://<reference\\('/subscriptions/.*/providers/Microsoft\\.Communication/communicationServices/acs-[a-z0-9]+'\\)\\.hostName>$", Expression(settings["Mail__Endpoint"]));
        Assert.Matches("^DoNotReply@<reference\\('/subscriptions/.*/providers/Microsoft\\.Communication/emailServices/ecs-[a-z0-9]+/domains/AzureManagedDomain'\\)\\.fromSenderDomain>$", Expression(settings["Mail__SenderAddress"]));
        Assert.Matches("/userAssignedIdentities/id-[a-z0-9]+'\\)\\.clientId$", Expression(settings["Mail__ClientId"]));
        Assert.Equal(Expression(settings["AZURE_CLIENT_ID"]), Expression(settings["Mail__ClientId"]));
        Assert.Equal($"https://{site.Name}.azurewebsites.net/api/staff", settings["Notifications__WorkspaceUrl"]);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Notifications__Regions__", StringComparison.Ordinal));
    }

    [Fact]
    public void MailDisabled_DeploysNoMailResource_NoRole_AndNoMailSetting()
    {
        var deployed = InfraTemplate.Deploy(("mailEnabled", false));
        var settings = InfraSettingsTests.AppSettings(("mailEnabled", false));

        Assert.DoesNotContain(deployed, r => r.Type.StartsWith("Microsoft.Communication/", StringComparison.Ordinal));
        Assert.DoesNotContain(deployed, r => r.Type == "Microsoft.Authorization/roleDefinitions");
        Assert.DoesNotContain(InfraRolesTests.Grants(("mailEnabled", false)), g => g.Role.StartsWith("custom:", StringComparison.Ordinal));
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Mail__", StringComparison.Ordinal));
        Assert.Contains("Notifications__WorkspaceUrl", settings.Keys);
    }

    /// <summary>
    /// An operator's domain is made customer-managed under its own name. Until it is verified it
    /// can be neither linked nor sent from, so the app gets no Mail__ settings; once
    /// mailDomainVerified is set the sender is made, the domain linked and the settings written.
    /// </summary>
    [Fact]
    public void CustomDomain_IsCustomerManaged_AndUsedOnlyOnceVerified()
    {
        var domainName = ("mailDomain", (object?)"mail.pacc.go.th");
        var unverified = InfraTemplate.Deploy(domainName);
        var domain = Single(unverified, "Microsoft.Communication/emailServices/domains");

        Assert.EndsWith("/mail.pacc.go.th", domain.Name, StringComparison.Ordinal);
        Assert.Equal("CustomerManaged", domain.Get("properties", "domainManagement"));
        Assert.Equal("Disabled", domain.Get("properties", "userEngagementTracking"));
        Assert.DoesNotContain(unverified, r => r.Type == "Microsoft.Communication/emailServices/domains/senderUsernames");
        Assert.Empty((List<object?>)Single(unverified, "Microsoft.Communication/communicationServices").Get("properties", "linkedDomains")!);
        Assert.DoesNotContain(InfraSettingsTests.AppSettings(domainName).Keys, k => k.StartsWith("Mail__", StringComparison.Ordinal));
        // The sending role is in place already, so verification is the only step left.
        Assert.Single(InfraRolesTests.Grants(domainName), g => g.Role.StartsWith("custom:", StringComparison.Ordinal));

        var verified = InfraTemplate.Deploy(domainName, ("mailDomainVerified", true), ("mailSenderUsername", "notices"));
        var sender = Single(verified, "Microsoft.Communication/emailServices/domains/senderUsernames");
        var linked = Assert.Single((List<object?>)Single(verified, "Microsoft.Communication/communicationServices").Get("properties", "linkedDomains")!);
        var settings = InfraSettingsTests.AppSettings(domainName, ("mailDomainVerified", true), ("mailSenderUsername", "notices"));

        Assert.EndsWith("/mail.pacc.go.th/notices", sender.Name, StringComparison.Ordinal);
        Assert.EndsWith("/domains/mail.pacc.go.th", (string)linked!, StringComparison.Ordinal);
        Assert.StartsWith("notices@", Expression(settings["Mail__SenderAddress"]), StringComparison.Ordinal);
        Assert.Contains("Mail__Endpoint", settings.Keys);
    }

    /// <summary>The DNS records of an operator's domain come out of the deployment for them to add; the Azure-managed domain needs none.</summary>
    [Fact]
    public void CustomDomain_VerificationRecords_AreAnOutput()
    {
        var records = InfraTemplate.Output("MAIL_DOMAIN_VERIFICATION_RECORDS", ("mailDomain", "mail.pacc.go.th"));

        Assert.Matches("^reference\\('/subscriptions/.*/providers/Microsoft\\.Communication/emailServices/ecs-[a-z0-9]+/domains/mail\\.pacc\\.go\\.th'\\)\\.verificationRecords$", Expression(records));
        Assert.Empty((Dictionary<string, object?>)InfraTemplate.Output("MAIL_DOMAIN_VERIFICATION_RECORDS")!);
        Assert.Empty((Dictionary<string, object?>)InfraTemplate.Output("MAIL_DOMAIN_VERIFICATION_RECORDS", ("mailEnabled", false))!);
        Assert.Equal("", InfraTemplate.Output("MAIL_SENDER_ADDRESS", ("mailDomain", "mail.pacc.go.th")));
        Assert.StartsWith("DoNotReply@", Expression(InfraTemplate.Output("MAIL_SENDER_ADDRESS")), StringComparison.Ordinal);
    }

    [Fact]
    public void RegionAddresses_BecomeOneSettingPerRegion()
    {
        var regions = new Dictionary<string, object?> { ["8"] = "a@pacc.go.th;b@pacc.go.th", ["0"] = "hq@pacc.go.th" };
        var settings = InfraSettingsTests.AppSettings(("regionNotificationEmails", regions));

        Assert.Equal("a@pacc.go.th;b@pacc.go.th", settings["Notifications__Regions__8"]);
        Assert.Equal("hq@pacc.go.th", settings["Notifications__Regions__0"]);
        Assert.Equal(2, settings.Keys.Count(k => k.StartsWith("Notifications__Regions__", StringComparison.Ordinal)));

        // Only region numbers 0 to 9 are accepted as keys (a sealed object type).
        var type = InfraTemplate.Main.GetProperty("definitions").GetProperty("regionAddresses");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), type.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(type.GetProperty("additionalProperties").GetBoolean());
    }

    /// <summary>
    /// main.parameters.json as azd reads it (environment values substituted into the text, then
    /// parsed): the mail variables reach their parameters, REGION_NOTIFICATION_EMAILS as a JSON
    /// object, and when it is unset the value is null, which azd leaves out so the default applies.
    /// </summary>
    [Fact]
    public void ParametersFile_WiresTheMailVariables()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json"));
        var declared = InfraTemplate.Main.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        JsonElement Substituted(Dictionary<string, string> environment) =>
            JsonDocument.Parse(Regex.Replace(text, @"\$\{(?<name>[A-Z_]+)(=(?<default>[^}]*))?\}", m =>
                environment.TryGetValue(m.Groups["name"].Value, out var value) && value.Length > 0 ? value : m.Groups["default"].Value)).RootElement.GetProperty("parameters");

        var unset = Substituted([]);
        Assert.All(unset.EnumerateObject(), p => Assert.Contains(p.Name, declared));
        Assert.Equal("true", unset.GetProperty("mailEnabled").GetProperty("value").GetString());
        Assert.Equal("", unset.GetProperty("mailDomain").GetProperty("value").GetString());
        Assert.Equal("false", unset.GetProperty("mailDomainVerified").GetProperty("value").GetString());
        Assert.Equal("DoNotReply", unset.GetProperty("mailSenderUsername").GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, unset.GetProperty("regionNotificationEmails").GetProperty("value").ValueKind);

        var set = Substituted(new()
        {
            ["MAIL_ENABLED"] = "false",
            ["MAIL_DOMAIN"] = "mail.pacc.go.th",
            ["MAIL_SENDER_USERNAME"] = "notices",
            ["REGION_NOTIFICATION_EMAILS"] = """{"8": "a@pacc.go.th;b@pacc.go.th"}""",
        });
        Assert.Equal("false", set.GetProperty("mailEnabled").GetProperty("value").GetString());
        Assert.Equal("mail.pacc.go.th", set.GetProperty("mailDomain").GetProperty("value").GetString());
        Assert.Equal("notices", set.GetProperty("mailSenderUsername").GetProperty("value").GetString());
        Assert.Equal("a@pacc.go.th;b@pacc.go.th", set.GetProperty("regionNotificationEmails").GetProperty("value").GetProperty("8").GetString());
    }
}
