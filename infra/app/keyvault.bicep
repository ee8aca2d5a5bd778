// Third-party and key material the app needs, read through Key Vault references with its identity.
param name string
param location string
param tags object

@secure()
param lineChannelSecret string

@secure()
param lineChannelAccessToken string

@secure()
param piiKey string

@secure()
param piiHashKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource lineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'line-channel-secret'
  properties: { value: lineChannelSecret }
}

resource lineToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'line-channel-access-token'
  properties: { value: lineChannelAccessToken }
}

resource pii 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pii-key'
  properties: { value: piiKey }
}

resource hash 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pii-hash-key'
  properties: { value: piiHashKey }
}

output name string = vault.name
// Versionless references: a new secret version (a rotation) is picked up without a redeploy.
output references object = {
  lineChannelSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${lineSecret.name})'
  lineChannelAccessToken: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${lineToken.name})'
  piiKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${pii.name})'
  piiHashKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${hash.name})'
}
