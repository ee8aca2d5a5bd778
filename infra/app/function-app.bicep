// The function app on Flex Consumption (.NET 10 isolated), running as its user-assigned identity:
// storage by account name, secrets by Key Vault reference, HTTPS only, TLS 1.2, no FTP. A second
// identity is used by the platform for the deployment package only.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string

@description('Resource id of the deployment identity: the platform writes and reads the package with it, nothing else does.')
param deploymentIdentityId string
param storageAccountName string
param deploymentContainerUrl string

@description('Instances kept running for the HTTP functions (the "http" always-ready group); 0 for none.')
@minValue(0)
param httpAlwaysReadyInstances int = 1

@description('Subnet delegated to Microsoft.App/environments that the app sends its outbound traffic through; empty for none.')
param virtualNetworkSubnetId string = ''
param insightsConnectionString string
param formOrigin string
param staffIssuer string
param staffAudience string
param staffMetadataAddress string

@description('Client id the staff workspace page signs in as (the staff API app registration).')
param staffClientId string

@description('Entra ID authority of the workspace sign-in: the login endpoint and tenant.')
param staffAuthority string

@description('Delegated permission the workspace asks for.')
param staffApiScope string
param vaultReferences object
param complaintsPerHour int
param lookupsPerHour int
param registrationsPerHour int
param readsPerHour int
param lineMessagesPerHour int
param trustedProxyHops int
param refusedStaffCallsPerMinute int
param serviceBusNamespace string
param serviceBusTopic string

@description('Whether the app sends mail: false writes no Mail__ setting, and the app sends none.')
param sendMail bool = false

@description('https:// endpoint of the communication service the app sends mail through.')
param mailEndpoint string = ''

@description('The address mail is sent from (sender username @ the domain).')
param mailSenderAddress string = ''

@description('Semicolon-separated officer addresses per region number (\'0\' to \'9\'), written as Notifications__Regions__<n>.')
param regionNotificationEmails object = {}

// Mail with the app's identity (docs/DEPLOYMENT.md, Mail); only when a communication service is ready.
var mailSettings = sendMail ? [
  { name: 'Mail__Endpoint', value: mailEndpoint }
  { name: 'Mail__SenderAddress', value: mailSenderAddress }
  { name: 'Mail__ClientId', value: identityClientId }
] : []

// Who is told about a region's cases, and the link they are sent. The site cannot read its own
// default host name while it is being made; on Flex Consumption it is <name>.azurewebsites.net.
var notificationSettings = concat(
  map(items(regionNotificationEmails), region => { name: 'Notifications__Regions__${region.key}', value: region.value }),
  [{ name: 'Notifications__WorkspaceUrl', value: 'https://${name}.azurewebsites.net/api/staff' }]
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

// azd finds the service by this tag on any resource type: only the site may carry it, or
// `azd deploy` stops with "expecting only one resource".
resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {}, '${deploymentIdentityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: { allowedOrigins: [formOrigin] }
      appSettings: concat([
        // Storage by service URI and identity; the same code reads a connection string locally.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // With two identities on the site, Azure.Identity must be told which one is the app's.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'Pii__Key', value: vaultReferences.piiKey }
        { name: 'Pii__PreviousKeys', value: vaultReferences.piiPreviousKeys }
        { name: 'Pii__HashKey', value: vaultReferences.piiHashKey }
        { name: 'StaffAuth__Issuer', value: staffIssuer }
        { name: 'StaffAuth__Audience', value: staffAudience }
        { name: 'StaffAuth__MetadataAddress', value: staffMetadataAddress }
        { name: 'StaffAuth__ClientId', value: staffClientId }
        { name: 'StaffAuth__Authority', value: staffAuthority }
        { name: 'StaffAuth__ApiScope', value: staffApiScope }
        { name: 'Line__ChannelSecret', value: vaultReferences.lineChannelSecret }
        { name: 'Line__ChannelAccessToken', value: vaultReferences.lineChannelAccessToken }
        { name: 'Line__ApiBaseUrl', value: 'https://api.line.me' }
        { name: 'Line__DataApiBaseUrl', value: 'https://api-data.line.me' }
        { name: 'SummarySchedule', value: '0 0 18 * * *' }
        { name: 'MetricsSchedule', value: '0 */5 * * * *' }
        // 20:00 UTC is 03:00 in Bangkok: seeds/retention.json applied once a day (docs/PROCESSING.md).
        { name: 'RetentionSchedule', value: '0 0 20 * * *' }
        { name: 'RateLimit__ComplaintsPerHour', value: string(complaintsPerHour) }
        { name: 'RateLimit__LookupsPerHour', value: string(lookupsPerHour) }
        { name: 'RateLimit__RegistrationsPerHour', value: string(registrationsPerHour) }
        { name: 'RateLimit__ReadsPerHour', value: string(readsPerHour) }
        { name: 'RateLimit__LineMessagesPerHour', value: string(lineMessagesPerHour) }
        { name: 'RateLimit__RefusedWebhookCallsPerHour', value: '60' }
        { name: 'RateLimit__SharedCounterTimeout', value: '00:00:00.5' }
        { name: 'RateLimit__RefusedStaffCallsPerMinute', value: string(refusedStaffCallsPerMinute) }
        // The Functions front end appends the caller to X-Forwarded-For; see docs/CONFIGURATION.md.
        { name: 'ClientAddress__Header', value: 'X-Forwarded-For' }
        { name: 'ClientAddress__TrustedHops', value: string(trustedProxyHops) }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: '${serviceBusNamespace}.servicebus.windows.net' }
        { name: 'ServiceBus__TopicName', value: serviceBusTopic }
        { name: 'ServiceBus__ClientId', value: identityClientId }
        // Complaint events leave after their Bangkok day is over (docs/API.md, integration events).
        { name: 'Events__HoldComplaintEvents', value: 'true' }
      ], mailSettings, notificationSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: deploymentIdentityId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 100
        instanceMemoryMB: 2048
        // Always-ready instances are billed while idle (docs/DEPLOYMENT.md); they spare the public
        // form, LINE's webhook and staff the cold start of a scaled-to-zero app.
        alwaysReady: httpAlwaysReadyInstances > 0 ? [{ name: 'http', instanceCount: httpAlwaysReadyInstances }] : []
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
