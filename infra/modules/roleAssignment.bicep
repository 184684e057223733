metadata name = 'Role assignment on a Key Vault'
metadata description = 'Grants a principal a role on an existing Key Vault, possibly in another resource group (the certificate vault of the security team).'

@description('Required. Name of the existing Key Vault, in the resource group this module is deployed to.')
param keyVaultName string

@description('Required. Principal that receives the role.')
param principalId string

@description('Required. A stable name of the principal (such as its resource ID), from which the assignment\'s name is derived.')
param principalKey string

@description('Required. The role definition GUID.')
param roleDefinitionGuid string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalKey, roleDefinitionGuid)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionGuid)
  }
}

@description('The resource ID of the role assignment.')
output resourceId string = assignment.id
