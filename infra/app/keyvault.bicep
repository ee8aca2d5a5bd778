// Third-party and key material the app needs, read through Key Vault references with its identity.
param name string
param location string
param tags object

// Purge protection keeps a deleted vault's name for 90 days, so after `azd down` a new `azd up`
// cannot create it again: it recovers it instead, secrets and all (scripts/vault-create-mode.sh,
// azd's preprovision hook, chooses).
@allowed(['default', 'recover'])
param createMode string = 'default'

@description('Enabled, or Disabled when the vault is reached through a private endpoint only (usePrivateNetworking).')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('Log Analytics workspace that receives the vault\'s audit log (every secret read, by whom).')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    createMode: createMode
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: publicNetworkAccess
    networkAcls: { defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny', bypass: 'AzureServices' }
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'audit'
  properties: {
    workspaceId: workspaceId
    logs: [{ category: 'AuditEvent', enabled: true }]
  }
}

// The secrets themselves are never written by this template or taken from the pipeline: a
// redeploy would reset them (undoing a key rotation). scripts/ensure-secrets.sh, azd's
// postprovision hook, creates each one that is missing; scripts/rotate-pii-key.sh rotates the key.
var secretNames = {
  lineChannelSecret: 'line-channel-secret'
  lineChannelAccessToken: 'line-channel-access-token'
  piiKey: 'pii-key'
  piiPreviousKeys: 'pii-previous-keys'
  piiHashKey: 'pii-hash-key'
}

output name string = vault.name
output id string = vault.id
// Versionless references: a new secret version (a rotation) is picked up without a redeploy.
output references object = {
  lineChannelSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.lineChannelSecret})'
  lineChannelAccessToken: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.lineChannelAccessToken})'
  piiKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.piiKey})'
  piiPreviousKeys: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.piiPreviousKeys})'
  piiHashKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.piiHashKey})'
}
