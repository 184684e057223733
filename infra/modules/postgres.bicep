metadata name = 'PostgreSQL flexible server with a read replica'
metadata description = 'Zone-redundant high availability, 30-day geo-redundant backups, Entra authentication only, private access through a delegated subnet, and a read replica for reports.'

@description('Required. Name of the primary server.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param version string = '16'

@description('Optional. Compute size; zone-redundant HA needs the General Purpose or Memory Optimized tier.')
param skuName string = 'Standard_D4ds_v5'

@description('Optional. Compute tier.')
@allowed([
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string = 'GeneralPurpose'

@description('Optional. Storage size in GiB; it grows by itself when nearly full.')
param storageSizeGB int = 256

@description('Optional. Days of point-in-time restore; the operations guide sets at least 30.')
@minValue(30)
@maxValue(35)
param backupRetentionDays int = 30

@description('Optional. The max_connections server parameter; the connection alert fires at 90% of it.')
@minValue(50)
@maxValue(5000)
param maxConnections int = 1000

@description('Required. Name of the database the app uses.')
param databaseName string

@description('Required. The delegated subnet the servers are injected into (private access: no public endpoint).')
param delegatedSubnetResourceId string

@description('Required. The private DNS zone the servers register in.')
param privateDnsZoneResourceId string

@description('Required. Entra administrators: the app\'s managed identity and the operators\' group.')
param administrators administratorType[]

@description('Required. Log Analytics workspace for server logs and metrics.')
param workspaceResourceId string

@export()
@description('An Entra principal that administers the server.')
type administratorType = {
  @description('Object ID of the user, group or service principal.')
  objectId: string

  @description('Display name; for a managed identity, its name (it is also the PostgreSQL role name).')
  principalName: string

  @description('Kind of principal.')
  principalType: 'User' | 'Group' | 'ServicePrincipal'
}

var network = {
  delegatedSubnetResourceId: delegatedSubnetResourceId
  privateDnsZoneArmResourceId: privateDnsZoneResourceId
  publicNetworkAccess: 'Disabled'
}

// Entra only: there is no password to keep anywhere.
var authConfig = {
  activeDirectoryAuth: 'Enabled'
  passwordAuth: 'Disabled'
  tenantId: subscription().tenantId
}

@description('Optional. Day of the week of planned maintenance (0 is Sunday); the operations guide\'s window is Tuesday.')
@minValue(0)
@maxValue(6)
param maintenanceDayOfWeek int = 2

@description('Optional. Hour (UTC) at which planned maintenance may start; the operations guide\'s window is 2-4 AM.')
@minValue(0)
@maxValue(23)
param maintenanceStartHour int = 2

resource primary 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    availabilityZone: '1'
    // Not parameters on purpose: every environment that runs this template keeps a hot
    // standby in another zone and copies its backups to the paired region.
    // PharmacyPos.Tests/Deployment asserts both on the compiled template.
    highAvailability: {
      mode: 'ZoneRedundant'
      standbyAvailabilityZone: '2'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: 'Enabled'
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    network: network
    authConfig: authConfig
    // Updates and patches wait for the quiet hours instead of landing at a time Azure picks.
    maintenanceWindow: {
      customWindow: 'Enabled'
      dayOfWeek: maintenanceDayOfWeek
      startHour: maintenanceStartHour
      startMinute: 0
    }
  }
}

resource maxConnectionsSetting 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: primary
  name: 'max_connections'
  properties: {
    value: string(maxConnections)
    source: 'user-override'
  }
}

// One administrator at a time: the service refuses concurrent changes.
@batchSize(1)
resource admins 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = [
  for admin in administrators: {
    parent: primary
    name: admin.objectId
    properties: {
      principalName: admin.principalName
      principalType: admin.principalType
      tenantId: subscription().tenantId
    }
    dependsOn: [
      maxConnectionsSetting
    ]
  }
]

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: primary
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// The read replica serves reports (ConnectionStrings__PosReadReplica). It is created
// after the primary is fully configured, and can be promoted in a regional outage
// (scripts/switchover.sh).
resource replica 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${name}-replica'
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    createMode: 'Replica'
    sourceServerResourceId: primary.id
    availabilityZone: '3'
    network: network
    authConfig: authConfig
  }
  dependsOn: [
    admins
    database
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: primary
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('The resource ID of the primary server.')
output resourceId string = primary.id

@description('The name of the primary server.')
output name string = primary.name

@description('The host name of the primary server.')
output fqdn string = primary.properties.fullyQualifiedDomainName

@description('The resource ID of the read replica.')
output replicaResourceId string = replica.id

@description('The host name of the read replica.')
output replicaFqdn string = replica.properties.fullyQualifiedDomainName

@description('The max_connections value the connection alert is computed from.')
output maxConnections int = maxConnections
