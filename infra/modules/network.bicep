// The closed data plane of networkIsolation: a virtual network the function app joins (VNet integration), private
// endpoints for Key Vault and for the storage account's blob, queue and table services, and private DNS zones so
// their usual host names resolve to those endpoints inside the network. Key Vault and storage then have public
// network access off (main.bicep), so the endpoints are the only way in.
// The app still needs the internet (StaffCloud, MobieTrain, Entra ID, Application Insights): a NAT gateway is its
// way out, with one fixed public address a partner can allow, rather than relying on default outbound access.

param virtualNetworkName string
param natGatewayName string
param outboundIpName string
param location string
param tags object

@description('Address space, at least a /23: its first /24 for the app\'s instances, the /27 after it for the private endpoints.')
param addressPrefix string

@description('Name of the subnet the app joins (main.bicep points the app at it).')
param appSubnetName string

param storageAccountName string
param keyVaultName string

var privateEndpointSubnetName = 'snet-private-endpoints'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// One endpoint per service (its group id on the vault or the account), each with the zone its host names resolve through. The zone names follow the cloud the
// template is deployed to (core.windows.net in the public cloud); Key Vault's private link zone is vaultcore.
var endpoints = [
  {
    name: 'blob'
    zone: 'privatelink.blob.${az.environment().suffixes.storage}'
  }
  {
    name: 'queue'
    zone: 'privatelink.queue.${az.environment().suffixes.storage}'
  }
  {
    name: 'table'
    zone: 'privatelink.table.${az.environment().suffixes.storage}'
  }
  {
    name: 'vault'
    zone: 'privatelink${replace(az.environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
  }
]

resource outboundIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: outboundIpName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource natGateway 'Microsoft.Network/natGateways@2024-05-01' = {
  name: natGatewayName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIpAddresses: [
      {
        id: outboundIp.id
      }
    ]
  }
}

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: virtualNetworkName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          // One address per instance: a /24 leaves room for far more than the 40 instances the plan starts at.
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                // The delegation Flex Consumption's VNet integration requires.
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          natGateway: {
            id: natGateway.id
          }
          defaultOutboundAccess: false
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          // The ninth /27 of the space: the first one after the app's /24.
          addressPrefix: cidrSubnet(addressPrefix, 27, 8)
          defaultOutboundAccess: false
        }
      }
    ]
  }
}

resource privateEndpointSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: virtualNetwork
  name: privateEndpointSubnetName
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for endpoint in endpoints: {
    name: endpoint.zone
    // Private DNS zones are global resources.
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (endpoint, i) in endpoints: {
    parent: zones[i]
    name: virtualNetworkName
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetwork.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for endpoint in endpoints: {
    name: 'pe-${endpoint.name}-${virtualNetworkName}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: privateEndpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            privateLinkServiceId: endpoint.name == 'vault' ? vault.id : storage.id
            groupIds: [
              endpoint.name
            ]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: endpoint.name
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]
