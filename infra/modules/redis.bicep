metadata name = 'Azure Managed Redis'
metadata description = 'Azure Managed Redis (Microsoft.Cache/redisEnterprise) with high availability, which spreads primary and replica across availability zones in regions that have them. It holds the SignalR backplane, the data-protection key ring shared by both slots (so a swap signs nobody out) and the cache.'

@description('Required. Name of the cluster.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. SKU of Azure Managed Redis.')
@allowed([
  'Balanced_B3'
  'Balanced_B5'
  'Balanced_B10'
  'Balanced_B20'
  'MemoryOptimized_M10'
  'MemoryOptimized_M20'
])
param skuName string = 'Balanced_B5'

@description('Required. The subnet of the private endpoint.')
param privateEndpointSubnetResourceId string

@description('Required. The private DNS zone privatelink.redis.azure.net.')
param privateDnsZoneResourceId string

@description('Required. Key Vault the connection secret is written to; the app reads it through a Key Vault reference.')
param keyVaultName string

@description('Optional. Name of the Key Vault secret holding the StackExchange.Redis configuration string.')
param connectionSecretName string = 'redis-connection'

@description('Required. Log Analytics workspace for the cache metrics (the hit-ratio alert reads them there).')
param workspaceResourceId string

resource cluster 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    // A replica in another zone; the service fails over by itself.
    highAvailability: 'Enabled'
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }
}

resource database 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: cluster
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    // Non-clustered: the SignalR backplane and the data-protection keys use plain keys and pub/sub.
    clusteringPolicy: 'EnterpriseCluster'
    evictionPolicy: 'VolatileLRU'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

// The access key goes from the cache to Key Vault inside Azure Resource Manager: it
// appears in no template, parameters file, output or pipeline log.
resource connectionSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: connectionSecretName
  properties: {
    contentType: 'StackExchange.Redis configuration'
    value: '${cluster.properties.hostName}:${database.properties.port},password=${database.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

module endpoint 'privateEndpoint.bicep' = {
  name: '${deployment().name}-pe'
  params: {
    name: 'pe-${name}'
    location: location
    tags: tags
    subnetResourceId: privateEndpointSubnetResourceId
    privateLinkServiceId: cluster.id
    groupId: 'redisEnterprise'
    privateDnsZoneResourceId: privateDnsZoneResourceId
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: cluster
  properties: {
    workspaceId: workspaceResourceId
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('The resource ID of the cluster.')
output resourceId string = cluster.id

@description('The host name of the cluster.')
output hostName string = cluster.properties.hostName

@description('The Key Vault URI of the connection secret (not its value).')
output connectionSecretUri string = connectionSecret.properties.secretUri
