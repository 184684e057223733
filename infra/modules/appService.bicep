metadata name = 'App Service plan, web app and staging slot'
metadata description = 'Linux Premium v3 plan across zones, the container web app with a staging slot, CPU autoscale, health check, sticky sessions and WebSockets for Blazor Server circuits.'

@description('Required. Name of the App Service plan.')
param planName string

@description('Required. Name of the web app.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Premium v3 size of the plan.')
@allowed([
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
  'P1mv3'
  'P2mv3'
])
param skuName string = 'P1v3'

@description('Optional. Fewest instances; at least 3 so that each availability zone keeps one.')
@minValue(3)
param minimumInstances int = 3

@description('Optional. Most instances autoscale may add.')
@maxValue(30)
param maximumInstances int = 10

@description('Optional. Average CPU percentage above which autoscale adds an instance.')
param scaleOutCpuPercentage int = 70

@description('Optional. Average CPU percentage below which autoscale removes an instance.')
param scaleInCpuPercentage int = 30

@description('Required. The managed identity the app runs as.')
param managedIdentity managedIdentityType

@description('Required. Container image, such as myregistry.azurecr.io/pharmacypos:1.2.3.')
param containerImage string

@description('Required. The subnet the app and its slot integrate with for outbound traffic.')
param appSubnetResourceId string

@description('Required. The subnets inbound traffic is accepted from: the Application Gateway\'s, and the pipeline agents\' (smoke tests of the staging slot).')
param inboundSubnetResourceIds string[]

@description('Required. App settings common to both slots, as name/value pairs.')
param appSettings object

@description('Required. Settings that stay with their slot during a swap, per slot.')
param slotSettings slotSettingsType

@description('Required. Log Analytics workspace for the app\'s logs and metrics.')
param workspaceResourceId string

@export()
@description('A user-assigned managed identity.')
type managedIdentityType = {
  @description('Resource ID of the identity.')
  resourceId: string

  @description('Client ID of the identity, used for the registry pull and given to the app as AZURE_CLIENT_ID.')
  clientId: string
}

@export()
@description('Settings that must not swap: the production slot\'s values and the staging slot\'s values, with the same names.')
type slotSettingsType = {
  @description('Values on the production slot.')
  production: object

  @description('Values on the staging slot.')
  staging: object
}

var healthPath = '/api/health/ready'

var accessRules = [
  for (subnet, i) in inboundSubnetResourceIds: {
    name: 'allowed-subnet-${i}'
    action: 'Allow'
    priority: 100 + i
    vnetSubnetResourceId: subnet
  }
]

var siteProperties = {
  serverFarmId: plan.id
  httpsOnly: true
  // Blazor Server keeps the circuit in the memory of one instance: every request of a
  // browser must reach the instance that holds its circuit (ARR affinity cookie).
  clientAffinityEnabled: true
  // The affinity cookie is issued for the host the browser used (X-Original-Host from
  // the gateway), not for the app's default host name, so it survives the gateway.
  clientAffinityProxyEnabled: true
  keyVaultReferenceIdentity: managedIdentity.resourceId
  virtualNetworkSubnetId: appSubnetResourceId
  // All outbound traffic of the app goes through the network (private endpoints, the
  // PostgreSQL private DNS zone, and the NAT gateway for anything public).
  outboundVnetRouting: {
    allTraffic: true
  }
  siteConfig: {
    linuxFxVersion: 'DOCKER|${containerImage}'
    acrUseManagedIdentityCreds: true
    acrUserManagedIdentityID: managedIdentity.clientId
    alwaysOn: true
    healthCheckPath: healthPath
    webSocketsEnabled: true
    http20Enabled: true
    minTlsVersion: '1.2'
    ftpsState: 'Disabled'
    remoteDebuggingEnabled: false
    ipSecurityRestrictionsDefaultAction: 'Deny'
    ipSecurityRestrictions: accessRules
    scmIpSecurityRestrictionsUseMain: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: minimumInstances
  }
  properties: {
    reserved: true
    zoneRedundant: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${managedIdentity.resourceId}': {}
    }
  }
  properties: siteProperties
}

resource siteSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, slotSettings.production)
}

// These names stay with their slot when staging is swapped into production.
resource stickySettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'slotConfigNames'
  properties: {
    appSettingNames: objectKeys(slotSettings.production)
  }
}

resource stagingSlot 'Microsoft.Web/sites/slots@2024-11-01' = {
  parent: site
  name: 'staging'
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${managedIdentity.resourceId}': {}
    }
  }
  properties: siteProperties
}

resource stagingSlotSettings 'Microsoft.Web/sites/slots/config@2024-11-01' = {
  parent: stagingSlot
  name: 'appsettings'
  properties: union(appSettings, slotSettings.staging)
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'autoscale-${planName}'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(minimumInstances)
          maximum: string(maximumInstances)
          default: string(minimumInstances)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: scaleOutCpuPercentage
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '2'
              cooldown: 'PT10M'
            }
          }
          {
            // Scale in slowly: an instance that goes away drops the circuits it holds,
            // and their registers reconnect to another instance.
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT30M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: scaleInCpuPercentage
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT30M'
            }
          }
        ]
      }
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: site
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
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

@description('The resource ID of the web app.')
output resourceId string = site.id

@description('The name of the web app.')
output name string = site.name

@description('The resource ID of the App Service plan.')
output planResourceId string = plan.id

@description('The default host name of the production slot.')
output defaultHostName string = site.properties.defaultHostName

@description('The default host name of the staging slot.')
output stagingHostName string = stagingSlot.properties.defaultHostName

@description('The health check path of both slots.')
output healthCheckPath string = healthPath
