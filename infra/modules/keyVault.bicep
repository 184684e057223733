metadata name = 'Key Vault'
metadata description = 'RBAC-only Key Vault, reachable through a private endpoint. Holds the gateway TLS certificate, the Redis connection secret written at deployment, the backup encryption key added by an operator and the key that encrypts the app\'s Data Protection key ring at rest.'

@description('Required. Name of the Key Vault.')
@maxLength(24)
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. The subnet of the private endpoint.')
param privateEndpointSubnetResourceId string

@description('Required. The private DNS zone privatelink.vaultcore.azure.net.')
param privateDnsZoneResourceId string

@description('Required. Principal IDs that read secrets (the app\'s and the gateway\'s managed identity).')
param secretReaderPrincipalIds string[]

@description('Required. Principal IDs that wrap and unwrap with the Data Protection key (the app\'s managed identity).')
param keyWrapperPrincipalIds string[]

@description('Required. Log Analytics workspace for the audit log of the vault.')
param workspaceResourceId string

// Built-in role: Key Vault Secrets User.
var keyVaultSecretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

// Built-in role: Key Vault Crypto Service Encryption User (read the key, wrap and unwrap with it).
var keyVaultCryptoServiceEncryptionUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'e147488a-f6f5-4113-8e2d-b22465e65bf6')

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource secretReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in secretReaderPrincipalIds: {
    name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)
    scope: vault
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: keyVaultSecretsUserRoleId
    }
  }
]

// Encrypts the app's Data Protection key ring (sign-in cookies, antiforgery) at rest in Redis: the app stores each
// key only wrapped by this one, which never leaves the vault's HSM.
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' = {
  parent: vault
  name: 'data-protection'
  properties: {
    kty: 'RSA-HSM'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
    }
  }
}

resource keyWrappers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in keyWrapperPrincipalIds: {
    name: guid(dataProtectionKey.id, principalId, keyVaultCryptoServiceEncryptionUserRoleId)
    scope: dataProtectionKey
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: keyVaultCryptoServiceEncryptionUserRoleId
    }
  }
]

module endpoint 'privateEndpoint.bicep' = {
  name: '${deployment().name}-pe'
  params: {
    name: 'pe-${name}'
    location: location
    tags: tags
    subnetResourceId: privateEndpointSubnetResourceId
    privateLinkServiceId: vault.id
    groupId: 'vault'
    privateDnsZoneResourceId: privateDnsZoneResourceId
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: vault
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

@description('The resource ID of the Key Vault.')
output resourceId string = vault.id

@description('The name of the Key Vault.')
output name string = vault.name

@description('The URI of the Key Vault.')
output uri string = vault.properties.vaultUri

@description('Versionless URI of the key that encrypts the Data Protection key ring (DataProtection:KeyVaultKeyId).')
output dataProtectionKeyUri string = dataProtectionKey.properties.keyUri
