metadata name = 'Virtual network and private DNS'
metadata description = 'One virtual network per environment: the app integrates with it, PostgreSQL is injected into it, and Key Vault, Storage and Redis are reached only through private endpoints in it.'

@description('Required. Name of the virtual network.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Address space of the virtual network; five /24 subnets are carved from its first /20.')
param addressPrefix string = '10.20.0.0/16'

@description('Required. Name of the private DNS zone for the PostgreSQL flexible server; it must end with .postgres.database.azure.com.')
param postgresPrivateDnsZoneName string

var subnetNames = {
  app: 'snet-app'
  postgres: 'snet-postgres'
  privateEndpoints: 'snet-private-endpoints'
  gateway: 'snet-gateway'
  agents: 'snet-build-agents'
}

var appPrefix = cidrSubnet(addressPrefix, 24, 1)
var postgresPrefix = cidrSubnet(addressPrefix, 24, 2)
var privateEndpointsPrefix = cidrSubnet(addressPrefix, 24, 3)
var gatewayPrefix = cidrSubnet(addressPrefix, 24, 4)
var agentsPrefix = cidrSubnet(addressPrefix, 24, 5)

// Who may open a connection into each subnet: the app and the pipeline's agents reach the
// database and the private endpoints, and nothing else in the network does; the gateway takes
// HTTPS from the internet and Azure's own management traffic. Outbound stays open (telemetry,
// payment processors, through the NAT gateway).
var denyOtherNetworkTraffic = {
  name: 'deny-other-network-traffic'
  properties: {
    priority: 4000
    direction: 'Inbound'
    access: 'Deny'
    protocol: '*'
    sourceAddressPrefix: 'VirtualNetwork'
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRange: '*'
  }
}

var securityRules = {
  app: [
    denyOtherNetworkTraffic
  ]
  postgres: [
    {
      name: 'allow-postgres-from-app-and-agents'
      properties: {
        priority: 100
        direction: 'Inbound'
        access: 'Allow'
        protocol: 'Tcp'
        sourceAddressPrefixes: [
          appPrefix
          agentsPrefix
        ]
        sourcePortRange: '*'
        destinationAddressPrefix: postgresPrefix
        destinationPortRange: '5432'
      }
    }
    {
      // High availability: the primary and its standby replicate inside this subnet.
      name: 'allow-postgres-within-subnet'
      properties: {
        priority: 110
        direction: 'Inbound'
        access: 'Allow'
        protocol: '*'
        sourceAddressPrefix: postgresPrefix
        sourcePortRange: '*'
        destinationAddressPrefix: postgresPrefix
        destinationPortRange: '*'
      }
    }
    denyOtherNetworkTraffic
  ]
  privateEndpoints: [
    {
      // Key Vault and Blob Storage on 443, Azure Managed Redis on 10000.
      name: 'allow-private-endpoints-from-app-and-agents'
      properties: {
        priority: 100
        direction: 'Inbound'
        access: 'Allow'
        protocol: 'Tcp'
        sourceAddressPrefixes: [
          appPrefix
          agentsPrefix
        ]
        sourcePortRange: '*'
        destinationAddressPrefix: privateEndpointsPrefix
        destinationPortRanges: [
          '443'
          '10000'
        ]
      }
    }
    denyOtherNetworkTraffic
  ]
  gateway: [
    {
      name: 'allow-https-from-internet'
      properties: {
        priority: 100
        direction: 'Inbound'
        access: 'Allow'
        protocol: 'Tcp'
        sourceAddressPrefix: 'Internet'
        sourcePortRange: '*'
        destinationAddressPrefix: gatewayPrefix
        destinationPortRanges: [
          '443'
          '80'
        ]
      }
    }
    {
      // Required by Application Gateway v2: its infrastructure ports from Azure's management plane.
      name: 'allow-gateway-manager'
      properties: {
        priority: 110
        direction: 'Inbound'
        access: 'Allow'
        protocol: 'Tcp'
        sourceAddressPrefix: 'GatewayManager'
        sourcePortRange: '*'
        destinationAddressPrefix: '*'
        destinationPortRange: '65200-65535'
      }
    }
    {
      name: 'allow-azure-load-balancer'
      properties: {
        priority: 120
        direction: 'Inbound'
        access: 'Allow'
        protocol: '*'
        sourceAddressPrefix: 'AzureLoadBalancer'
        sourcePortRange: '*'
        destinationAddressPrefix: '*'
        destinationPortRange: '*'
      }
    }
  ]
  agents: [
    denyOtherNetworkTraffic
  ]
}

// In the order of the subnets below.
var subnetKeys = [
  'app'
  'postgres'
  'privateEndpoints'
  'gateway'
  'agents'
]

resource networkSecurityGroup 'Microsoft.Network/networkSecurityGroups@2024-05-01' = [
  for key in subnetKeys: {
    name: 'nsg-${name}-${key}'
    location: location
    tags: tags
    properties: {
      securityRules: securityRules[key]
    }
  }
]

// Zones resolved inside the network for the private endpoints. environment() keeps the suffixes right in sovereign clouds.
var privateLinkZones = {
  keyVault: 'privatelink.vaultcore.azure.net'
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  redis: 'privatelink.redis.azure.net'
}

// Outbound internet of the app (telemetry ingestion, payment processors) leaves through
// one NAT gateway with a fixed address that partners can allow-list.
resource natPublicIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-nat-${name}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource natGateway 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'nat-${name}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 10
    publicIpAddresses: [
      {
        id: natPublicIp.id
      }
    ]
  }
}

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
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
        name: subnetNames.app
        properties: {
          addressPrefix: appPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup[0].id
          }
          natGateway: {
            id: natGateway.id
          }
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: subnetNames.postgres
        properties: {
          addressPrefix: postgresPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup[1].id
          }
          delegations: [
            {
              name: 'postgres-flexible-server'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
      {
        name: subnetNames.privateEndpoints
        properties: {
          addressPrefix: privateEndpointsPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup[2].id
          }
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
      {
        name: subnetNames.gateway
        properties: {
          addressPrefix: gatewayPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup[3].id
          }
          // The app accepts traffic only from this subnet (access restriction on the web app).
          serviceEndpoints: [
            {
              service: 'Microsoft.Web'
            }
          ]
        }
      }
      {
        name: subnetNames.agents
        properties: {
          addressPrefix: agentsPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup[4].id
          }
          // The pipeline's private agent pool: it runs migrations, smoke tests of the
          // staging slot and backups, which all need the private network.
          serviceEndpoints: [
            {
              service: 'Microsoft.Web'
            }
          ]
          delegations: [
            {
              name: 'devops-pool'
              properties: {
                serviceName: 'Microsoft.DevOpsInfrastructure/pools'
              }
            }
          ]
          natGateway: {
            id: natGateway.id
          }
        }
      }
    ]
  }
}

resource postgresZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: postgresPrivateDnsZoneName
  location: 'global'
  tags: tags
}

resource postgresZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresZone
  name: 'link-${name}'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetwork.id
    }
  }
}

resource privateLinkZone 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in items(privateLinkZones): {
    name: zone.value
    location: 'global'
    tags: tags
  }
]

resource privateLinkZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in items(privateLinkZones): {
    parent: privateLinkZone[i]
    name: 'link-${name}'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetwork.id
      }
    }
  }
]

@description('The resource ID of the virtual network.')
output resourceId string = virtualNetwork.id

@description('The subnet the web app and its slot integrate with.')
output appSubnetResourceId string = virtualNetwork.properties.subnets[0].id

@description('The subnet delegated to PostgreSQL flexible server.')
output postgresSubnetResourceId string = virtualNetwork.properties.subnets[1].id

@description('The subnet that holds the private endpoints.')
output privateEndpointSubnetResourceId string = virtualNetwork.properties.subnets[2].id

@description('The subnet of the Application Gateway.')
output gatewaySubnetResourceId string = virtualNetwork.properties.subnets[3].id

@description('The subnet of the pipeline\'s private agent pool.')
output agentSubnetResourceId string = virtualNetwork.properties.subnets[4].id

@description('The private DNS zone of PostgreSQL.')
output postgresPrivateDnsZoneResourceId string = postgresZone.id

@description('The private DNS zone of Key Vault private endpoints.')
output keyVaultPrivateDnsZoneResourceId string = privateLinkZone[0].id

@description('The private DNS zone of Blob Storage private endpoints.')
output blobPrivateDnsZoneResourceId string = privateLinkZone[1].id

@description('The private DNS zone of Azure Managed Redis private endpoints.')
output redisPrivateDnsZoneResourceId string = privateLinkZone[2].id
