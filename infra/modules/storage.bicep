metadata name = 'Storage account for backups and the audit archive'
metadata description = 'Zone- and geo-redundant storage with blob versioning. The backups container keeps every version of every dump; the audit container is write-once (version-level immutability with a time-based retention policy).'

@description('Required. Name of the storage account.')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Name of the container for database dumps.')
param backupContainerName string = 'backups'

@description('Optional. Name of the write-once container for the audit archive.')
param auditContainerName string = 'audit'

@description('Required. Days an audit blob version cannot be changed or deleted. Pharmacy records are kept for years: set it to the longest retention the chain\'s jurisdictions require.')
@minValue(1)
@maxValue(146000)
param auditImmutabilityDays int

@description('Optional. Days deleted blobs, versions and containers can be recovered.')
@minValue(7)
@maxValue(365)
param softDeleteDays int = 30

@description('Optional. Days a dump stays in the backups container before lifecycle management deletes it.')
@minValue(30)
param backupRetentionDays int = 90

@description('Required. Principal IDs allowed to read and write blobs (the app\'s managed identity; the backup job\'s identity).')
param blobContributorPrincipalIds string[]

@description('Required. The subnet of the private endpoint.')
param privateEndpointSubnetResourceId string

@description('Required. The private DNS zone privatelink.blob.<storage suffix>.')
param privateDnsZoneResourceId string

@description('Required. Log Analytics workspace for blob diagnostics.')
param workspaceResourceId string

// Built-in role: Storage Blob Data Contributor.
var blobDataContributorRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_GZRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Entra only: no account keys, no SAS signed with them.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
    // Version-level immutability must be allowed on the account before a container can use it.
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
      retentionInDays: softDeleteDays
    }
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: backupContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource auditContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: auditContainerName
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

// The container's default time-based retention: every blob version written to the
// audit container is WORM for auditImmutabilityDays. Lock it in production once
// (docs/operations.md): a locked policy can be extended, never shortened or removed.
resource auditRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2024-01-01' = {
  parent: auditContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditImmutabilityDays
    allowProtectedAppendWrites: true
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-dumps'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${backupContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: 7
                }
                delete: {
                  daysAfterModificationGreaterThan: backupRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: backupRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource blobContributors 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in blobContributorPrincipalIds: {
    name: guid(account.id, principalId, blobDataContributorRoleId)
    scope: account
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: blobDataContributorRoleId
    }
  }
]

module endpoint 'privateEndpoint.bicep' = {
  name: '${deployment().name}-pe'
  params: {
    name: 'pe-${name}-blob'
    location: location
    tags: tags
    subnetResourceId: privateEndpointSubnetResourceId
    privateLinkServiceId: account.id
    groupId: 'blob'
    privateDnsZoneResourceId: privateDnsZoneResourceId
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: blobService
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

@description('The resource ID of the storage account.')
output resourceId string = account.id

@description('The name of the storage account.')
output name string = account.name

@description('The blob endpoint, given to the app as Storage__BlobServiceUri.')
output blobServiceUri string = account.properties.primaryEndpoints.blob
