// Storage without keys: tables, queues and containers the app uses, versioned and soft-deleted
// summaries, and a lifecycle backstop for evidence files no complaint claimed.
param name string
param location string
param tags object

@description('Tables the app uses (StorageNames.Tables).')
param tables array = ['complaints', 'complaintcodes', 'idempotency', 'attachments', 'complaintmessages', 'audit', 'workshops', 'registrations', 'registrationcodes', 'lineconversations', 'lineevents', 'hotspots', 'complainthistory', 'complaintnotes', 'complaintlinks', 'ratelimits']

@description('Queues the app uses, each with its -poison queue (StorageNames.Queues).')
param queues array = ['complaints', 'registrations', 'line-events', 'summary-compiles', 'event-outbox']

@description('Days each audit trail record is kept unchangeable (the Regulation on Official Documents: ordinary files at least 10 years).')
@minValue(1)
param auditRetentionDays int = 3650

var deploymentContainer = 'app-package'

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

resource summaries 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'summaries'
  properties: { publicAccess: 'None' }
}

resource attachments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'attachments'
  properties: { publicAccess: 'None' }
}

// The audit trail: append blobs under a time-based retention policy with protected append
// writes, so the app can add records and no one, the app included, can change or delete one
// until the period ends. The policy is deployed unlocked; an administrator locks it once the
// period is agreed (docs/OPERATIONS.md), after which it can only be lengthened.
resource auditTrail 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'audit-trail'
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

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
  properties: { publicAccess: 'None' }
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
          // Evidence a complaint let go of must not live on as old versions.
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

resource appQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in queues: {
  parent: queueService
  name: queue
}]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in queues: {
  parent: queueService
  name: '${queue}-poison'
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tables: {
  parent: tableService
  name: table
}]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainer string = packages.name
