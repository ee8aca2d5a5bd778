// Storage without keys: tables, queues and containers the app uses, versioned and soft-deleted
// summaries, and a lifecycle backstop for evidence files no complaint claimed. The names live in
// storage-names.json, which roles.bicep reads too, so every name created here gets its grant there.
param name string
param location string
param tags object

@description('Days each audit trail record is kept unchangeable (the Regulation on Official Documents: ordinary files at least 10 years).')
@minValue(1)
param auditRetentionDays int = 3650

@description('Enabled, or Disabled when the app reaches the account through private endpoints only (usePrivateNetworking).')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('Log Analytics workspace that receives the blob, queue and table resource logs.')
param workspaceId string

@description('Send StorageRead logs too (every queue poll is one): the largest share of the log volume.')
param logReads bool = true

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
  properties: {
    // Versioning and soft delete keep every published summary recoverable.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 14 }
    containerDeleteRetentionPolicy: { enabled: true, days: 14 }
  }
}

// Containers the app writes with Storage Blob Data Owner (blob index tags) or Contributor.
resource appContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in concat(names.ownerContainers, names.contributorContainers): {
  parent: blobs
  name: container
  properties: { publicAccess: 'None' }
}]

// The Functions host's own containers (host locks and timer schedules; function keys), made here
// rather than by the host so that its identity needs a grant on these two containers only.
resource hostContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in names.hostContainers: {
  parent: blobs
  name: container
  properties: { publicAccess: 'None' }
}]

// The audit trail: append blobs under a time-based retention policy with protected append
// writes, so the app can add records and no one, the app included, can change or delete one
// until the period ends. The policy is deployed unlocked; an administrator locks it once the
// period is agreed (docs/DEPLOYMENT.md), after which it can only be lengthened.
resource auditTrail 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: names.auditContainer
  properties: { publicAccess: 'None' }
}

resource auditTrailImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: auditTrail
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          // The hourly timer deletes uploads no complaint claimed within 24 hours; this rule is
          // the backstop (tag claimed=no is set at upload and changed when a complaint claims it).
          name: 'unclaimed-attachments'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['attachments/']
              blobIndexMatch: [{ name: 'claimed', op: '==', value: 'no' }]
            }
            actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: 2 } } }
          }
        }
        {
          // Evidence a complaint let go of, or the retention schedule deleted, must not live on as
          // old versions: 1 day here, the daily run and 14 days' soft delete make the 16 days
          // seeds/retention.json states for evidence (InfraRetentionTests holds the two together).
          name: 'attachment-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['attachments/'] }
            actions: { version: { delete: { daysAfterCreationGreaterThan: 1 } } }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Each trigger queue with the -poison queue the Functions host moves failures to, and the queue
// that stands in for Service Bus when the app runs locally (the app creates it at start wherever it runs).
resource appQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in concat(names.appQueues, names.localOnlyQueues): {
  parent: queueService
  name: queue
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in names.tables: {
  parent: tableService
  name: table
}]

// Resource logs (reads, writes, deletes) of each service, for audit: who touched which data when.
var logCategories = concat(logReads ? ['StorageRead'] : [], ['StorageWrite', 'StorageDelete'])

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: blobs
  name: 'storage-logs'
  properties: {
    workspaceId: workspaceId
    logs: [for category in logCategories: { category: category, enabled: true }]
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: queueService
  name: 'storage-logs'
  properties: {
    workspaceId: workspaceId
    logs: [for category in logCategories: { category: category, enabled: true }]
  }
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: tableService
  name: 'storage-logs'
  properties: {
    workspaceId: workspaceId
    logs: [for category in logCategories: { category: category, enabled: true }]
  }
}

output name string = account.name
output id string = account.id
