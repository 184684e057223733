metadata name = 'Private endpoint'
metadata description = 'A private endpoint for one sub-resource, registered in its private DNS zone.'

@description('Required. Name of the private endpoint.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resource.')
param tags object = {}

@description('Required. The subnet the endpoint gets its address from.')
param subnetResourceId string

@description('Required. The resource the endpoint connects to.')
param privateLinkServiceId string

@description('Required. The sub-resource (group) the endpoint connects to, such as vault, blob or redisEnterprise.')
param groupId string

@description('Required. The private DNS zone the endpoint registers its address in.')
param privateDnsZoneResourceId string

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetResourceId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: privateLinkServiceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: privateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneResourceId
        }
      }
    ]
  }
}

@description('The resource ID of the private endpoint.')
output resourceId string = privateEndpoint.id
