// The whole environment: `azd up` (or `az deployment sub create -f infra/main.bicep`).
targetScope = 'subscription'

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

var tags = { 'azd-env-name': environmentName }
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
  }
}

module serviceBus 'app/servicebus.bicep' = {
  scope: group
  params: {
    name: 'sb-${token}'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  scope: group
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    createMode: keyVaultCreateMode
  }
}

module roles 'app/roles.bicep' = {
  scope: group
  params: {
    principalId: identity.outputs.principalId
    developerPrincipalId: developerPrincipalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    serviceBusName: serviceBus.outputs.name
    insightsName: monitoring.outputs.insightsName
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
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${storage.outputs.deploymentContainer}'
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
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
