// The whole environment: `azd up` (or `az deployment sub create -f infra/main.bicep`).
// docs/DEPLOYMENT.md explains each role, the private networking option, the alerts and their cost.
targetScope = 'subscription'

import { subscriptionType } from 'app/servicebus.bicep'

@minLength(1)
@maxLength(24)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('The origin of the public tip form, the only one CORS allows (e.g. https://tips.pacc.example).')
param formOrigin string

@description('Application (client) id of the staff API\'s app registration (scripts/register-staff-app.sh prints it).')
param staffApiClientId string

@description('Object id of whoever runs azd (azd: AZURE_PRINCIPAL_ID): Key Vault Secrets Officer on the vault, so the postprovision hook can create the keys that are missing.')
param deployerPrincipalId string = ''

@description('User for a person, ServicePrincipal for a pipeline (azd: AZURE_PRINCIPAL_TYPE).')
@allowed(['User', 'ServicePrincipal'])
param deployerPrincipalType string = 'User'

@description('Complaints a client may send per hour (0: no limit).')
param complaintsPerHour int = 10

@description('Tracking-code lookups a client may make per hour (0: no limit).')
param lookupsPerHour int = 30

@description('Registration attempts a client may make per hour, whatever their answers (0: no limit). Room for a hall of civil servants behind one address.')
param registrationsPerHour int = 30

@description('Reads of the public pages, workshops, the OpenAPI document and health a client may make per hour (0: no limit).')
param readsPerHour int = 1200

@description('Messages one LINE user may send the bot per hour (0: no limit).')
param lineMessagesPerHour int = 120

@description('Proxies of ours that append the client to X-Forwarded-For: 1 for the platform front end alone, 2 with Front Door or an Application Gateway before it.')
@minValue(1)
param trustedProxyHops int = 1

@description('Refused staff calls (401/403) an instance writes to the audit trail per minute; the rest are counted. 0: no limit.')
param refusedStaffCallsPerMinute int = 60

@description('recover when this environment\'s vault was deleted and is kept by purge protection (azd: KEY_VAULT_CREATE_MODE, set by the preprovision hook).')
@allowed(['default', 'recover'])
param keyVaultCreateMode string = 'default'

@description('Entra object id of a developer to give the storage data roles (run ./run.sh against this account by identity); empty for none. azd: DEVELOPER_PRINCIPAL_ID.')
param developerPrincipalId string = ''

@description('Put storage, Key Vault and Service Bus behind private endpoints in a virtual network the app sends through, with public network access off on all three. Needs Service Bus Premium (a monthly charge); see docs/DEPLOYMENT.md before turning it on. azd: USE_PRIVATE_NETWORKING.')
param usePrivateNetworking bool = false

@description('Address space of the virtual network made when usePrivateNetworking is on (a /23 or larger: the two subnets are its first two /24s). Pick one that does not overlap a network you will peer with.')
param virtualNetworkAddressPrefix string = '10.40.0.0/16'

@description('Instances kept running for the HTTP functions so the form, LINE and staff never meet a cold start; billed while idle (docs/DEPLOYMENT.md). 0 for none. azd: HTTP_ALWAYS_READY_INSTANCES.')
@minValue(0)
@maxValue(20)
param httpAlwaysReadyInstances int = 1

@description('Comma-separated e-mail addresses that receive alerts. azd: ALERT_EMAILS.')
param alertEmails string = ''

@description('Comma-separated phone numbers (without the country code) that receive alerts by SMS. azd: ALERT_SMS_NUMBERS.')
param alertSmsNumbers string = ''

@description('Country calling code of alertSmsNumbers.')
param alertSmsCountryCode string = '66'

@description('HTTPS endpoint that receives alerts (common alert schema); its URL must hold no secret, it is stored as given. Empty for none. azd: ALERT_WEBHOOK_URL.')
param alertWebhookUrl string = ''

@description('Overdue complaints in one region above which an alert fires.')
@minValue(0)
param overdueBacklogThreshold int = 20

@description('Percentage of failed requests above which an alert fires.')
@minValue(1)
@maxValue(100)
param failureRatePercent int = 5

@description('Minutes over which the failure rate is measured.')
@allowed([5, 10, 15, 30, 45, 60])
param failureRateWindowMinutes int = 15

@description('Requests a window needs before its failure rate counts.')
@minValue(1)
param failureRateMinimumRequests int = 20

@description('Send storage StorageRead logs to Log Analytics as well as writes and deletes (queue polling makes reads the bulk of the volume).')
param logStorageReads bool = true

@description('Send mail (notices to officers) through Azure Communication Services Email with the app\'s identity. false: no mail resources and no Mail__ settings; the app sends no mail. azd: MAIL_ENABLED.')
param mailEnabled bool = true

@description('The domain mail is sent from: empty for an Azure-managed xxxx.azurecomm.net domain; a domain of yours (e.g. mail.pacc.go.th) is made as customer-managed, and its DNS records (output MAIL_DOMAIN_VERIFICATION_RECORDS) must be added and verified before it is used (docs/DEPLOYMENT.md, Mail). azd: MAIL_DOMAIN.')
param mailDomain string = ''

@description('true once mailDomain has passed verification: the next deployment links it and gives the app its settings. Ignored for the Azure-managed domain. azd: MAIL_DOMAIN_VERIFIED.')
param mailDomainVerified bool = false

@description('The part of the sender address before the @ (the Azure-managed domain has DoNotReply). azd: MAIL_SENDER_USERNAME.')
param mailSenderUsername string = 'DoNotReply'

@description('The name recipients see beside the sender address; empty for the username.')
param mailSenderDisplayName string = ''

@description('Where Azure Communication Services keeps mail data at rest (its data location, e.g. Asia Pacific).')
param mailDataLocation string = 'Asia Pacific'

@description('Officers told about a region\'s cases: region number (\'0\' to \'9\') to semicolon-separated addresses, e.g. { \'8\': \'a@pacc.go.th;b@pacc.go.th\' }. Written as app settings Notifications__Regions__<n>. azd: REGION_NOTIFICATION_EMAILS, a JSON object.')
param regionNotificationEmails regionAddresses = {}

@description('Service Bus subscriptions on topic case-events, one per consuming system, each with the event types it receives and, once known, the object id of the identity it receives with.')
param eventSubscriptions subscriptionType[] = [
  { name: 'complaints', eventTypes: ['ComplaintRegistered', 'ComplaintStatusChanged'] }
  { name: 'registrations', eventTypes: ['RegistrationConfirmed'] }
  { name: 'reports', eventTypes: ['SummaryPublished', 'HotspotDetected'] }
]

@description('Officer addresses per region number, semicolon-separated; a region not named gets none.')
@sealed()
type regionAddresses = {
  '0': string?
  '1': string?
  '2': string?
  '3': string?
  '4': string?
  '5': string?
  '6': string?
  '7': string?
  '8': string?
  '9': string?
}

var tags = { 'azd-env-name': environmentName }
var publicNetworkAccess = usePrivateNetworking ? 'Disabled' : 'Enabled'
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: group
  params: {
    name: 'id-${token}'
    location: location
    tags: tags
  }
}

// Used by the platform for the deployment package only (app/package-storage.bicep).
module deploymentIdentity 'app/identity.bicep' = {
  scope: group
  params: {
    name: 'id-deploy-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  scope: group
  params: {
    workspaceName: 'log-${token}'
    insightsName: 'appi-${token}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  scope: group
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    publicNetworkAccess: publicNetworkAccess
    workspaceId: monitoring.outputs.workspaceId
    logReads: logStorageReads
  }
}

module packageStorage 'app/package-storage.bicep' = {
  scope: group
  params: {
    name: 'stpkg${token}'
    location: location
    tags: tags
    publicNetworkAccess: publicNetworkAccess
    workspaceId: monitoring.outputs.workspaceId
  }
}

module serviceBus 'app/servicebus.bicep' = {
  scope: group
  params: {
    name: 'sb-${token}'
    location: location
    tags: tags
    // Service Bus takes private endpoints on Premium only.
    sku: usePrivateNetworking ? 'Premium' : 'Standard'
    publicNetworkAccess: publicNetworkAccess
    subscriptions: eventSubscriptions
  }
}

module keyVault 'app/keyvault.bicep' = {
  scope: group
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    createMode: keyVaultCreateMode
    publicNetworkAccess: publicNetworkAccess
    workspaceId: monitoring.outputs.workspaceId
  }
}

module network 'app/network.bicep' = if (usePrivateNetworking) {
  scope: group
  params: {
    name: 'vnet-${token}'
    location: location
    tags: tags
    addressPrefix: virtualNetworkAddressPrefix
    storageAccountId: storage.outputs.id
    packageAccountId: packageStorage.outputs.id
    keyVaultId: keyVault.outputs.id
    serviceBusId: serviceBus.outputs.id
  }
}

module mail 'app/mail.bicep' = if (mailEnabled) {
  scope: group
  params: {
    emailServiceName: 'ecs-${token}'
    communicationServiceName: 'acs-${token}'
    tags: tags
    dataLocation: mailDataLocation
    domainName: mailDomain
    domainVerified: mailDomainVerified
    senderUsername: mailSenderUsername
    senderDisplayName: mailSenderDisplayName
  }
}

// The app gets the Mail__ settings once its domain can send: at once for the Azure-managed domain,
// after verification for an operator's own.
var mailReady = mailEnabled && (empty(mailDomain) || mailDomainVerified)

module roles 'app/roles.bicep' = {
  scope: group
  params: {
    principalId: identity.outputs.principalId
    deploymentPrincipalId: deploymentIdentity.outputs.principalId
    developerPrincipalId: developerPrincipalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    storageAccountName: storage.outputs.name
    packageAccountName: packageStorage.outputs.name
    keyVaultName: keyVault.outputs.name
    serviceBusName: serviceBus.outputs.name
    topicName: serviceBus.outputs.topicName
    eventSubscriptions: eventSubscriptions
    insightsName: monitoring.outputs.insightsName
    communicationServiceName: mailEnabled ? mail!.outputs.communicationServiceName : ''
  }
}

module functionApp 'app/function-app.bicep' = {
  scope: group
  dependsOn: [roles]
  params: {
    name: 'func-${token}'
    planName: 'plan-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentIdentityId: deploymentIdentity.outputs.id
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: packageStorage.outputs.containerUrl
    httpAlwaysReadyInstances: httpAlwaysReadyInstances
    virtualNetworkSubnetId: usePrivateNetworking ? network!.outputs.appSubnetId : ''
    insightsConnectionString: monitoring.outputs.connectionString
    formOrigin: formOrigin
    // Entra ID signs v2 access tokens as login.microsoftonline.com/{tenant}/v2.0 and v1 ones as
    // sts.windows.net/{tenant}/; a v2 token's audience is the client id, a v1 token's the api:// URI.
    staffIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0,https://sts.windows.net/${tenant().tenantId}/'
    staffAudience: '${staffApiClientId},api://${staffApiClientId}'
    staffMetadataAddress: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0/.well-known/openid-configuration'
    // The workspace page signs in as the same app registration that exposes the API (infra/entra).
    staffClientId: staffApiClientId
    staffAuthority: '${environment().authentication.loginEndpoint}${tenant().tenantId}'
    staffApiScope: 'api://${staffApiClientId}/access_as_user'
    vaultReferences: keyVault.outputs.references
    complaintsPerHour: complaintsPerHour
    lookupsPerHour: lookupsPerHour
    registrationsPerHour: registrationsPerHour
    readsPerHour: readsPerHour
    lineMessagesPerHour: lineMessagesPerHour
    trustedProxyHops: trustedProxyHops
    refusedStaffCallsPerMinute: refusedStaffCallsPerMinute
    serviceBusNamespace: serviceBus.outputs.name
    serviceBusTopic: serviceBus.outputs.topicName
    sendMail: mailReady
    mailEndpoint: mailReady ? mail!.outputs.endpoint : ''
    mailSenderAddress: mailReady ? mail!.outputs.senderAddress : ''
    regionNotificationEmails: regionNotificationEmails
  }
}

module alerts 'app/alerts.bicep' = {
  scope: group
  params: {
    name: token
    location: location
    tags: tags
    insightsId: monitoring.outputs.insightsId
    appUrl: functionApp.outputs.url
    emailAddresses: filter(map(split(alertEmails, ','), address => trim(address)), address => !empty(address))
    smsCountryCode: alertSmsCountryCode
    smsNumbers: filter(map(split(alertSmsNumbers, ','), number => trim(number)), number => !empty(number))
    webhookUrl: alertWebhookUrl
    overdueThreshold: overdueBacklogThreshold
    failureRatePercent: failureRatePercent
    failureRateWindowMinutes: failureRateWindowMinutes
    failureRateMinimumRequests: failureRateMinimumRequests
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output MAIL_SENDER_ADDRESS string = mailReady ? mail!.outputs.senderAddress : ''
// The DNS records to add for mailDomain (Domain, SPF, DKIM, DKIM2, DMARC: type, name, value, ttl).
output MAIL_DOMAIN_VERIFICATION_RECORDS object = mailEnabled ? mail!.outputs.verificationRecords : {}
