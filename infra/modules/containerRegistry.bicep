metadata name = 'Container registry'
metadata description = 'The registry the pipeline pushes the image to and the web app pulls from with its managed identity. No admin user, no anonymous pull.'

@description('Required. Name of the registry.')
@minLength(5)
@maxLength(50)
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. Principal IDs that pull images (the app\'s managed identity).')
param pullPrincipalIds string[]

// Built-in role: AcrPull.
var acrPullRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    zoneRedundancy: 'Enabled'
    policies: {
      retentionPolicy: {
        status: 'enabled'
        days: 30
      }
    }
  }
}

resource pullers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in pullPrincipalIds: {
    name: guid(registry.id, principalId, acrPullRoleId)
    scope: registry
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: acrPullRoleId
    }
  }
]

@description('The resource ID of the registry.')
output resourceId string = registry.id

@description('The login server, such as name.azurecr.io.')
output loginServer string = registry.properties.loginServer
