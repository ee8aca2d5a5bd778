// The deployment package, in an account of its own: nothing of the app's data lives here, and the
// app's identity has no role on it. The platform writes each published package into the container
// and reads it when an instance starts, as the deployment identity (function-app.bicep), which may
// write this one container and nothing else.
param name string
param location string
param tags object

@description('Enabled, or Disabled when the account is reached through a private endpoint only (usePrivateNetworking).')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('Log Analytics workspace that receives the blob resource logs (who wrote or read a package).')
param workspaceId string

var names = loadJsonContent('storage-names.json')

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    accessTier: 'Hot'
    publicNetworkAccess: publicNetworkAccess
    networkAcls: { defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny', bypass: 'None' }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: names.packageContainer
  properties: { publicAccess: 'None' }
}

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: blobs
  name: 'storage-logs'
  properties: {
    workspaceId: workspaceId
    logs: [for category in ['StorageRead', 'StorageWrite', 'StorageDelete']: { category: category, enabled: true }]
  }
}

output name string = account.name
output id string = account.id
output containerUrl string = '${account.properties.primaryEndpoints.blob}${packages.name}'
