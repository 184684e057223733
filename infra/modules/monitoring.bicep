metadata name = 'Log Analytics workspace and Application Insights'
metadata description = 'Workspace-based Application Insights; every resource sends its diagnostics to the workspace.'

@description('Required. Name of the Log Analytics workspace.')
param workspaceName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 90

@description('Optional. Accept telemetry only with an Entra token. Turn on once the app sends telemetry with its managed identity.')
param disableLocalAuth bool = false

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: disableLocalAuth
    IngestionMode: 'LogAnalytics'
  }
}

@description('The resource ID of the Log Analytics workspace.')
output workspaceResourceId string = workspace.id

@description('The resource ID of Application Insights.')
output applicationInsightsResourceId string = applicationInsights.id

@description('The Application Insights connection string (an endpoint and an instrumentation key, not a secret; ingestion needs Entra).')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
