// Private networking (usePrivateNetworking): a virtual network whose first subnet carries the
// function app's outbound traffic (Flex Consumption virtual network integration) and whose second
// holds a private endpoint for each service the app uses, with the private DNS zones that make the
// services' usual names resolve to those endpoints inside the network. The services themselves
// refuse public traffic (publicNetworkAccess Disabled, set in their modules).
param name string
param location string
param tags object

@description('Address space of the virtual network; the app subnet is its first /24, the endpoint subnet its second.')
param addressPrefix string

param storageAccountId string
param packageAccountId string
param keyVaultId string
param serviceBusId string

var storageSuffix = environment().suffixes.storage

// Zone per service kind, as Azure names them for the public cloud.
var zones = {
  blob: 'privatelink.blob.${storageSuffix}'
  queue: 'privatelink.queue.${storageSuffix}'
  table: 'privatelink.table.${storageSuffix}'
  vault: 'privatelink.vaultcore.azure.net'
  namespace: 'privatelink.servicebus.windows.net'
}

var endpoints = [
  { name: 'pe-storage-blob', target: storageAccountId, group: 'blob', zone: 'blob' }
  { name: 'pe-storage-queue', target: storageAccountId, group: 'queue', zone: 'queue' }
  { name: 'pe-storage-table', target: storageAccountId, group: 'table', zone: 'table' }
  { name: 'pe-package-blob', target: packageAccountId, group: 'blob', zone: 'blob' }
  { name: 'pe-vault', target: keyVaultId, group: 'vault', zone: 'vault' }
  { name: 'pe-servicebus', target: serviceBusId, group: 'namespace', zone: 'namespace' }
]

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments; an
        // app uses up to about 40 addresses of it.
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [{ name: 'flex-consumption', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'app'
  }

  resource endpointSubnet 'subnets' existing = {
    name: 'endpoints'
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for zone in items(zones): {
  name: zone.value
  location: 'global'
  tags: tags
}]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (zone, i) in items(zones): {
  parent: dnsZones[i]
  name: name
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: network.id }
  }
}]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [for endpoint in endpoints: {
  name: endpoint.name
  location: location
  tags: tags
  properties: {
    subnet: { id: network::endpointSubnet.id }
    privateLinkServiceConnections: [
      {
        name: endpoint.name
        properties: { privateLinkServiceId: endpoint.target, groupIds: [endpoint.group] }
      }
    ]
  }
}]

resource dnsGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [for (endpoint, i) in endpoints: {
  parent: privateEndpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: endpoint.zone
        properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', zones[endpoint.zone]) }
      }
    ]
  }
  dependsOn: [dnsZones, dnsLinks]
}]

output appSubnetId string = network::appSubnet.id
