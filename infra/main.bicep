metadata name = 'PharmacyPos environment'
metadata description = 'One environment (staging or production) of PharmacyPos in one resource group: the web app with its staging slot behind Application Gateway WAF v2, PostgreSQL with HA and a read replica, Azure Managed Redis, storage for backups and the audit archive, Key Vault, monitoring and alerts. Deploy: az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/environments/<env>.bicepparam'

targetScope = 'subscription'

@description('Required. Name of the environment.')
@allowed([
  'staging'
  'production'
])
param environmentName string

@description('Required. Azure region of the environment; it must have three availability zones.')
param location string

@description('Optional. Tags on every resource.')
param tags object = {}

@description('Required. Container image the web app and its slot run, such as <registry>.azurecr.io/pharmacypos:<tag>. Re-provisioning an environment that is live must name the image production runs (docs/operations.md).')
@minLength(1)
param containerImage string

@description('Required. Public host name of the app, such as pos.example-pharmacy.com.')
param publicHostName string

@description('Required. Versionless Key Vault URI of the TLS certificate for the public host name, in the certificate vault of the security team.')
param tlsCertificateUri string

@description('Required. Resource ID of the Key Vault that holds the TLS certificate; the gateway\'s identity is granted read access to it.')
param certificateKeyVaultResourceId string

@description('Required. Registers plus back-office sessions open at the busiest hour: each holds one WebSocket (a Blazor Server circuit). Sizes the gateway.')
@minValue(1)
param expectedConcurrentCircuits int

@description('Required. Entra group of the database operators (PostgreSQL administrators).')
param databaseAdminGroup principalType

@description('Required. Service principal of the pipeline\'s service connection: it runs migrations and backups.')
param pipelinePrincipal principalType

@description('Required. E-mail addresses of the on-call operators.')
@minLength(1)
param alertEmailAddresses string[]

@description('Required. Days each audit blob version stays write-once.')
@minValue(1)
param auditImmutabilityDays int

@description('Optional. Premium v3 size of the App Service plan.')
param appServiceSkuName string = 'P1v3'

@description('Optional. Compute size of the PostgreSQL servers.')
param postgresSkuName string = 'Standard_D4ds_v5'

@description('Optional. PostgreSQL max_connections.')
param postgresMaxConnections int = 1000

@description('Optional. Azure Managed Redis SKU.')
param redisSkuName string = 'Balanced_B5'

@description('Optional. Address space of the environment\'s virtual network.')
param addressPrefix string = '10.20.0.0/16'

@export()
@description('An Entra principal.')
type principalType = {
  @description('Object ID.')
  objectId: string

  @description('Display name (for a group or service principal, the PostgreSQL role name).')
  name: string
}

var suffix = take(uniqueString(subscription().subscriptionId, environmentName), 6)
var baseName = 'pharmacypos-${environmentName}'
var allTags = union(tags, {
  application: 'PharmacyPos'
  environment: environmentName
})
var databaseName = 'pharmacypos'
var keyVaultName = 'kv-pos-${environmentName}-${suffix}'
var healthPath = '/api/health/ready'

// Application Gateway v2: up to 13,500 TLS WebSocket connections per instance. Twice the
// expected circuits, because during a slot swap or a scale-in the registers reconnect
// while old connections drain; one instance more so that a lost zone loses no capacity.
var connectionsPerGatewayInstance = 13500
var gatewayMinimumCapacity = max(2, (2 * expectedConcurrentCircuits) / connectionsPerGatewayInstance + 1)

var certificateVaultSubscription = split(certificateKeyVaultResourceId, '/')[2]
var certificateVaultResourceGroup = split(certificateKeyVaultResourceId, '/')[4]
var certificateVaultName = last(split(certificateKeyVaultResourceId, '/'))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${baseName}'
  location: location
  tags: allTags
}

module appIdentity 'modules/identity.bicep' = {
  scope: group
  name: 'app-identity'
  params: {
    name: 'id-${baseName}-app'
    location: location
    tags: allTags
  }
}

module gatewayIdentity 'modules/identity.bicep' = {
  scope: group
  name: 'gateway-identity'
  params: {
    name: 'id-${baseName}-gateway'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  name: 'monitoring'
  params: {
    workspaceName: 'log-${baseName}'
    applicationInsightsName: 'appi-${baseName}'
    location: location
    tags: allTags
  }
}

module network 'modules/network.bicep' = {
  scope: group
  name: 'network'
  params: {
    name: 'vnet-${baseName}'
    location: location
    tags: allTags
    addressPrefix: addressPrefix
    postgresPrivateDnsZoneName: '${baseName}.private.postgres.database.azure.com'
  }
}

module keyVault 'modules/keyVault.bicep' = {
  scope: group
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    tags: allTags
    privateEndpointSubnetResourceId: network.outputs.privateEndpointSubnetResourceId
    privateDnsZoneResourceId: network.outputs.keyVaultPrivateDnsZoneResourceId
    // The app reads its settings; the pipeline's principal runs the nightly backup
    // (infra/pipelines/backup.yml), which reads the backup encryption key.
    secretReaderPrincipalIds: [
      appIdentity.outputs.principalId
      pipelinePrincipal.objectId
    ]
    keyWrapperPrincipalIds: [
      appIdentity.outputs.principalId
    ]
    workspaceResourceId: monitoring.outputs.workspaceResourceId
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  name: 'storage'
  params: {
    name: 'stpos${environmentName}${suffix}'
    location: location
    tags: allTags
    backupContainerName: 'backups'
    auditContainerName: 'audit'
    auditImmutabilityDays: auditImmutabilityDays
    blobContributorPrincipalIds: [
      appIdentity.outputs.principalId
      pipelinePrincipal.objectId
    ]
    privateEndpointSubnetResourceId: network.outputs.privateEndpointSubnetResourceId
    privateDnsZoneResourceId: network.outputs.blobPrivateDnsZoneResourceId
    workspaceResourceId: monitoring.outputs.workspaceResourceId
  }
}

module postgres 'modules/postgres.bicep' = {
  scope: group
  name: 'postgres'
  params: {
    name: 'psql-${baseName}'
    location: location
    tags: allTags
    skuName: postgresSkuName
    backupRetentionDays: 30
    maxConnections: postgresMaxConnections
    databaseName: databaseName
    delegatedSubnetResourceId: network.outputs.postgresSubnetResourceId
    privateDnsZoneResourceId: network.outputs.postgresPrivateDnsZoneResourceId
    administrators: [
      {
        objectId: appIdentity.outputs.principalId
        principalName: appIdentity.outputs.name
        principalType: 'ServicePrincipal'
      }
      {
        objectId: databaseAdminGroup.objectId
        principalName: databaseAdminGroup.name
        principalType: 'Group'
      }
      {
        objectId: pipelinePrincipal.objectId
        principalName: pipelinePrincipal.name
        principalType: 'ServicePrincipal'
      }
    ]
    workspaceResourceId: monitoring.outputs.workspaceResourceId
  }
}

module redis 'modules/redis.bicep' = {
  scope: group
  name: 'redis'
  dependsOn: [
    keyVault
  ]
  params: {
    name: 'redis-${baseName}-${suffix}'
    location: location
    tags: allTags
    skuName: redisSkuName
    privateEndpointSubnetResourceId: network.outputs.privateEndpointSubnetResourceId
    privateDnsZoneResourceId: network.outputs.redisPrivateDnsZoneResourceId
    keyVaultName: keyVaultName
    workspaceResourceId: monitoring.outputs.workspaceResourceId
  }
}

module registry 'modules/containerRegistry.bicep' = {
  scope: group
  name: 'container-registry'
  params: {
    name: 'crpos${environmentName}${suffix}'
    location: location
    tags: allTags
    pullPrincipalIds: [
      appIdentity.outputs.principalId
    ]
  }
}

var connectionString = 'Database=${databaseName};Username=${appIdentity.outputs.name};Ssl Mode=Require'

module app 'modules/appService.bicep' = {
  scope: group
  name: 'app-service'
  params: {
    planName: 'asp-${baseName}'
    name: 'app-${baseName}-${suffix}'
    location: location
    tags: allTags
    skuName: appServiceSkuName
    minimumInstances: 3
    maximumInstances: 10
    managedIdentity: {
      resourceId: appIdentity.outputs.resourceId
      clientId: appIdentity.outputs.clientId
    }
    containerImage: containerImage
    appSubnetResourceId: network.outputs.appSubnetResourceId
    inboundSubnetResourceIds: [
      network.outputs.gatewaySubnetResourceId
      network.outputs.agentSubnetResourceId
    ]
    workspaceResourceId: monitoring.outputs.workspaceResourceId
    appSettings: {
      WEBSITES_PORT: '8080'
      ASPNETCORE_HTTP_PORTS: '8080'
      ASPNETCORE_FORWARDEDHEADERS_ENABLED: 'true'
      AZURE_CLIENT_ID: appIdentity.outputs.clientId
      // No password: the app signs in to PostgreSQL with an Entra token of its identity.
      ConnectionStrings__Pos: 'Host=${postgres.outputs.fqdn};${connectionString}'
      ConnectionStrings__PosReadReplica: 'Host=${postgres.outputs.replicaFqdn};${connectionString}'
      ConnectionStrings__Redis: '@Microsoft.KeyVault(SecretUri=${redis.outputs.connectionSecretUri})'
      // The Data Protection key ring in Redis is stored encrypted with this Key Vault key.
      DataProtection__KeyVaultKeyId: keyVault.outputs.dataProtectionKeyUri
      Storage__BlobServiceUri: storage.outputs.blobServiceUri
      Storage__AuditContainer: 'audit'
      Storage__BackupContainer: 'backups'
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      // A swap waits until every instance of the staging slot answers 200 here.
      WEBSITE_SWAP_WARMUP_PING_PATH: healthPath
      WEBSITE_SWAP_WARMUP_PING_STATUSES: '200'
      WEBSITE_HEALTHCHECK_MAXPINGFAILURES: '5'
    }
    slotSettings: {
      production: {
        ASPNETCORE_ENVIRONMENT: environmentName == 'production' ? 'Production' : 'Staging'
        Demo__Seed: 'false'
        Slot__Name: 'production'
      }
      staging: {
        ASPNETCORE_ENVIRONMENT: environmentName == 'production' ? 'Production' : 'Staging'
        Demo__Seed: 'false'
        Slot__Name: 'staging'
      }
    }
  }
}

module certificateAccess 'modules/roleAssignment.bicep' = {
  scope: resourceGroup(certificateVaultSubscription, certificateVaultResourceGroup)
  name: 'certificate-access-${environmentName}'
  params: {
    keyVaultName: certificateVaultName
    principalId: gatewayIdentity.outputs.principalId
    principalKey: resourceId(subscription().subscriptionId, group.name, 'Microsoft.ManagedIdentity/userAssignedIdentities', 'id-${baseName}-gateway')
    // Built-in role: Key Vault Secrets User.
    roleDefinitionGuid: '4633458b-17de-408a-b874-0445c86b69e6'
  }
}

module gateway 'modules/applicationGateway.bicep' = {
  scope: group
  name: 'application-gateway'
  params: {
    name: 'agw-${baseName}'
    location: location
    tags: allTags
    subnetResourceId: network.outputs.gatewaySubnetResourceId
    managedIdentityResourceId: gatewayIdentity.outputs.resourceId
    tlsCertificateUri: tlsCertificateUri
    publicHostName: publicHostName
    backendHostName: app.outputs.defaultHostName
    healthCheckPath: app.outputs.healthCheckPath
    minimumCapacity: gatewayMinimumCapacity
    maximumCapacity: max(10, gatewayMinimumCapacity * 2)
    workspaceResourceId: monitoring.outputs.workspaceResourceId
  }
  dependsOn: [
    certificateAccess
  ]
}

module alerts 'modules/alerts.bicep' = {
  scope: group
  name: 'alerts'
  params: {
    namePrefix: baseName
    location: location
    tags: allTags
    alertEmailAddresses: alertEmailAddresses
    applicationInsightsResourceId: monitoring.outputs.applicationInsightsResourceId
    webAppResourceId: app.outputs.resourceId
    appServicePlanResourceId: app.outputs.planResourceId
    postgresResourceId: postgres.outputs.resourceId
    postgresMaxConnections: postgres.outputs.maxConnections
  }
}

@description('The resource group of the environment.')
output resourceGroupName string = group.name

@description('The web app; the pipeline deploys to its staging slot.')
output webAppName string = app.outputs.name

@description('Host name of the staging slot, for smoke tests.')
output stagingHostName string = app.outputs.stagingHostName

@description('Login server of the container registry.')
output registryLoginServer string = registry.outputs.loginServer

@description('The primary PostgreSQL server.')
output postgresServerName string = postgres.outputs.name

@description('Host name of the primary PostgreSQL server.')
output postgresFqdn string = postgres.outputs.fqdn

@description('The storage account for backups and the audit archive.')
output storageAccountName string = storage.outputs.name

@description('The environment\'s Key Vault.')
output keyVaultName string = keyVault.outputs.name

@description('The public IP address the public host name must point at.')
output gatewayPublicIpAddress string = gateway.outputs.publicIpAddress

@description('Minimum instances of the gateway, from the expected number of circuits.')
output gatewayMinimumCapacity int = gatewayMinimumCapacity
