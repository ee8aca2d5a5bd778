// What each identity may do, and nothing more, with the built-in roles named by id. Data roles are
// granted on the container, queue, table or topic they are for, never on a whole account or
// namespace, with these exceptions, each for the reason given where it is granted:
//   - Reader on the data storage account (names and metadata only, no data),
//   - Key Vault Secrets User on the vault (its secrets are made after the template runs),
//   - a developer's own storage roles, only when developerPrincipalId is set.
// Mail is sent under a custom role on the one communication service (no built-in role is narrow
// enough; see where it is granted).
import { subscriptionType } from 'servicebus.bicep'

@description('Object id of the app\'s identity: every data-plane permission of the app is granted to it.')
param principalId string

@description('Object id of the deployment identity, which only writes and reads the deployment package.')
param deploymentPrincipalId string
param storageAccountName string
param packageAccountName string
param keyVaultName string
param serviceBusName string
param topicName string
param insightsName string

@description('Topic subscriptions (servicebus.bicep); each one that names a receiver gives it Azure Service Bus Data Receiver on that subscription.')
param eventSubscriptions subscriptionType[] = []

@description('Communication service the app sends mail through (mail.bicep); empty when mail is off: no role is made or granted.')
param communicationServiceName string = ''

@description('Object id of whoever runs azd: Key Vault Secrets Officer on the vault, for the postprovision hook that creates missing keys. Empty: none.')
param deployerPrincipalId string = ''

@allowed(['User', 'ServicePrincipal'])
param deployerPrincipalType string = 'User'

@description('A developer\'s own Entra object id, given the same storage data roles as the app, so ./run.sh can use this account by identity (docs/OPERATIONS.md). Empty: none.')
param developerPrincipalId string = ''

var roleIds = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var names = loadJsonContent('storage-names.json')

// Blob Data Owner, not Contributor, where the app sets blob index tags (claimed=yes/no on evidence,
// read by the lifecycle rule), and on the Functions host's containers, as the Functions
// documentation asks for host storage; Contributor where plain reads and writes suffice.
var blobOwnerContainers = concat(names.ownerContainers, names.hostContainers)
var blobContributorContainers = concat(names.contributorContainers, [names.auditContainer])

// names.appQueues: every queue a function is triggered by and its -poison queue. The app sends and
// the host receives on the first, the host moves failures to the second. The local-only
// integration-events queue gets nothing: in Azure events go to Service Bus.

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource ownedContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for container in blobOwnerContainers: {
  parent: storage::blobService
  name: container
}]

resource contributedContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for container in blobContributorContainers: {
  parent: storage::blobService
  name: container
}]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = [for queue in names.appQueues: {
  parent: storage::queueService
  name: queue
}]

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = [for table in names.tables: {
  parent: storage::tableService
  name: table
}]

resource packageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: packageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource packages 'containers' existing = {
      name: names.packageContainer
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusName

  resource topic 'topics' existing = {
    name: topicName
  }
}

resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' existing = [for subscription in eventSubscriptions: {
  parent: serviceBus::topic
  name: subscription.name
}]

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = if (!empty(communicationServiceName)) {
  name: communicationServiceName
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (container, i) in blobOwnerContainers: {
  scope: ownedContainers[i]
  name: guid(ownedContainers[i].id, principalId, roleIds.storageBlobDataOwner)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
  }
}]

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (container, i) in blobContributorContainers: {
  scope: contributedContainers[i]
  name: guid(contributedContainers[i].id, principalId, roleIds.storageBlobDataContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
  }
}]

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (queue, i) in names.appQueues: {
  scope: queues[i]
  name: guid(queues[i].id, principalId, roleIds.storageQueueDataContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
  }
}]

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (table, i) in names.tables: {
  scope: tables[i]
  name: guid(tables[i].id, principalId, roleIds.storageTableDataContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
  }
}]

// Exception: at start the app lists the account's tables, queues and containers to create what is
// missing, and listing can only be granted on the whole account. Reader gives names and metadata
// (a queue's approximate length among them) and no data: reading or writing any entity, message or
// blob still needs the data roles above.
resource storageReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, principalId, roleIds.reader)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.reader)
  }
}

// The platform writes each published package into this container and reads it when an instance
// starts, with the deployment identity; the app's own identity has no role on the package account.
resource packageWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: packageAccount::blobService::packages
  name: guid(packageAccount::blobService::packages.id, deploymentPrincipalId, roleIds.storageBlobDataContributor)
  properties: {
    principalId: deploymentPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
  }
}

// Exception: the vault, not each secret. The secrets are made by the postprovision hook
// (scripts/ensure-secrets.sh) after this template has run, and a role assignment on a secret that
// does not exist yet fails the deployment. The vault holds only the five secrets the app reads.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, roleIds.keyVaultSecretsUser)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
  }
}

// Send on the one topic, not the namespace.
resource busSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: serviceBus::topic
  name: guid(serviceBus::topic.id, principalId, roleIds.serviceBusDataSender)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataSender)
  }
}

// Each consuming system receives from its own subscription only.
resource busReceivers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (subscription, i) in eventSubscriptions: if (!empty(subscription.?receiverPrincipalId ?? '')) {
  scope: topicSubscriptions[i]
  name: guid(topicSubscriptions[i].id, subscription.?receiverPrincipalId ?? '', roleIds.serviceBusDataReceiver)
  properties: {
    principalId: subscription.?receiverPrincipalId ?? ''
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataReceiver)
  }
}]

// Telemetry with Entra ID (the component takes no instrumentation key alone).
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, principalId, roleIds.monitoringMetricsPublisher)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
  }
}

// Mail: Microsoft documents these three actions on the communication service as what an identity
// needs to send email through Azure Communication Services with Microsoft Entra ID, granted by
// Contributor or by a custom role. No built-in role is that narrow: Contributor covers everything
// in its scope, and "Communication and Email Service Owner" can also delete the services, list and
// regenerate the access keys and change domains and sender addresses. So a custom role with just
// these actions, assignable in this resource group only, granted on the one communication service.
// The two writes are part of what Microsoft lists for sending; they also let the app change that
// one service's settings, which is the narrowest grant documented today.
var mailSendActions = [
  'Microsoft.Communication/CommunicationServices/Read'
  'Microsoft.Communication/CommunicationServices/Write'
  'Microsoft.Communication/EmailServices/write'
]

resource mailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (!empty(communicationServiceName)) {
  name: guid(resourceGroup().id, 'mail-sender')
  properties: {
    // Role names are unique in the tenant: the resource group tells the environments apart.
    roleName: 'Mail sender (${resourceGroup().name})'
    description: 'Send email through an Azure Communication Services resource with Microsoft Entra ID, and nothing else the built-in roles would add.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [{ actions: mailSendActions, notActions: [] }]
  }
}

resource mailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(communicationServiceName)) {
  scope: communicationService
  name: guid(communicationService.id, principalId, 'mail-sender')
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    // A role definition's id is subscription-level, whichever deployment made it.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', mailSenderRole.name)
  }
}

// Exception, opt-in: a developer running the app against this account signs in with az login and
// gets the app's storage data roles on the whole data account, to their own identity, and only
// when asked for (the account allows no shared keys). Leave it empty in production.
var developerStorageRoles = [roleIds.storageBlobDataOwner, roleIds.storageQueueDataContributor, roleIds.storageTableDataContributor]

resource developerStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in developerStorageRoles: if (!empty(developerPrincipalId)) {
  scope: storage
  name: guid(storage.id, developerPrincipalId, role)
  properties: {
    principalId: developerPrincipalId
    principalType: 'User'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// Whoever runs azd creates the secrets that are missing (scripts/ensure-secrets.sh) and rotates
// the personal-data key; the app's identity only reads them.
resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: vault
  name: guid(vault.id, deployerPrincipalId, roleIds.keyVaultSecretsOfficer)
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
  }
}
