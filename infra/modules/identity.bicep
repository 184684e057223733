metadata name = 'User-assigned managed identity'
metadata description = 'The identity the web app (and its slot) uses for PostgreSQL, Key Vault, Storage, the registry and the gateway certificate. No passwords or keys are issued to the app.'

@description('Required. Name of the user-assigned managed identity.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resource.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('The resource ID of the managed identity.')
output resourceId string = identity.id

@description('The name of the managed identity.')
output name string = identity.name

@description('The principal (object) ID, for role assignments and the PostgreSQL Entra administrator.')
output principalId string = identity.properties.principalId

@description('The client ID, given to the app as AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId
