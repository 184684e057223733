metadata name = 'Alerts of the operations guide'
metadata description = 'Error rate above 1%, response time above 5 s, CPU above 80%, database disk above 80%, cache hit ratio below 50%, database connections above 90% of max_connections. Every alert notifies one action group.'

@description('Required. Prefix of the alert names, such as the environment name.')
param namePrefix string

@description('Optional. Location of the log-query alerts.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. E-mail addresses of the on-call operators.')
@minLength(1)
param alertEmailAddresses string[]

@description('Required. Application Insights component (error rate).')
param applicationInsightsResourceId string

@description('Required. Log Analytics workspace the cache metrics are exported to (cache hit ratio).')
param workspaceResourceId string

@description('Required. The web app (response time).')
param webAppResourceId string

@description('Required. The App Service plan (CPU).')
param appServicePlanResourceId string

@description('Required. The primary PostgreSQL server (disk, connections).')
param postgresResourceId string

@description('Required. The max_connections of the PostgreSQL server.')
param postgresMaxConnections int

@description('Required. The Azure Managed Redis cluster (cache hit ratio).')
param redisResourceId string

@description('Optional. Alert thresholds; the defaults are those of the operations guide.')
param thresholds thresholdsType = {
  errorRatePercent: 1
  responseTimeSeconds: 5
  cpuPercent: 80
  diskPercent: 80
  cacheHitRatioPercent: 50
  connectionsPercent: 90
}

@export()
@description('Alert thresholds.')
type thresholdsType = {
  @description('Failed requests, percent of all requests, above which the error-rate alert fires.')
  errorRatePercent: int

  @description('Average response time, seconds, above which the response-time alert fires.')
  responseTimeSeconds: int

  @description('Average CPU of the plan, percent, above which the CPU alert fires.')
  cpuPercent: int

  @description('Database storage used, percent, above which the disk alert fires.')
  diskPercent: int

  @description('Cache hit ratio, percent, below which the cache alert fires.')
  cacheHitRatioPercent: int

  @description('Active database connections, percent of max_connections, above which the connection alert fires.')
  connectionsPercent: int
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'pos-oncall'
    enabled: true
    emailReceivers: [
      for (address, i) in alertEmailAddresses: {
        name: 'oncall-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

var metricAlerts = [
  {
    name: 'response-time'
    description: 'Average response time above ${thresholds.responseTimeSeconds} s'
    severity: 2
    scope: webAppResourceId
    namespace: 'Microsoft.Web/sites'
    metric: 'HttpResponseTime'
    aggregation: 'Average'
    operator: 'GreaterThan'
    threshold: thresholds.responseTimeSeconds
  }
  {
    name: 'cpu'
    description: 'App Service plan CPU above ${thresholds.cpuPercent}%'
    severity: 2
    scope: appServicePlanResourceId
    namespace: 'Microsoft.Web/serverfarms'
    metric: 'CpuPercentage'
    aggregation: 'Average'
    operator: 'GreaterThan'
    threshold: thresholds.cpuPercent
  }
  {
    name: 'database-disk'
    description: 'PostgreSQL storage above ${thresholds.diskPercent}%'
    severity: 1
    scope: postgresResourceId
    namespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
    metric: 'storage_percent'
    aggregation: 'Maximum'
    operator: 'GreaterThan'
    threshold: thresholds.diskPercent
  }
  {
    name: 'database-connections'
    description: 'PostgreSQL connections above ${thresholds.connectionsPercent}% of max_connections (${postgresMaxConnections})'
    severity: 1
    scope: postgresResourceId
    namespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
    metric: 'active_connections'
    aggregation: 'Maximum'
    operator: 'GreaterThan'
    threshold: postgresMaxConnections * thresholds.connectionsPercent / 100
  }
]

resource metricAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for alert in metricAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: 'global'
    tags: tags
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        alert.scope
      ]
      evaluationFrequency: 'PT1M'
      windowSize: 'PT5M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: alert.name
            metricNamespace: alert.namespace
            metricName: alert.metric
            timeAggregation: alert.aggregation
            operator: alert.operator
            threshold: alert.threshold
          }
        ]
      }
      actions: [
        {
          actionGroupId: actionGroup.id
        }
      ]
    }
  }
]

// Ratios are not platform metrics: they are computed from logs.
var logAlerts = [
  {
    name: 'error-rate'
    description: 'Failed requests above ${thresholds.errorRatePercent}% of all requests'
    severity: 1
    scope: applicationInsightsResourceId
    windowSize: 'PT5M'
    query: 'requests | summarize total = count(), failed = countif(success == false) | where total >= 50 | extend errorRatePercent = 100.0 * failed / total'
    measure: 'errorRatePercent'
    operator: 'GreaterThan'
    threshold: thresholds.errorRatePercent
  }
  {
    name: 'cache-hit-ratio'
    description: 'Cache hit ratio below ${thresholds.cacheHitRatioPercent}%'
    severity: 3
    scope: workspaceResourceId
    windowSize: 'PT15M'
    query: 'AzureMetrics | where ResourceId =~ "${redisResourceId}" and MetricName in ("cachehits", "cachemisses") | summarize hits = sumif(Total, MetricName == "cachehits"), misses = sumif(Total, MetricName == "cachemisses") | where hits + misses >= 100 | extend hitRatioPercent = 100.0 * hits / (hits + misses)'
    measure: 'hitRatioPercent'
    operator: 'LessThan'
    threshold: thresholds.cacheHitRatioPercent
  }
]

resource logAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: location
    tags: tags
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        alert.scope
      ]
      evaluationFrequency: 'PT5M'
      windowSize: alert.windowSize
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: alert.measure
            operator: alert.operator
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

@description('The resource ID of the on-call action group.')
output actionGroupResourceId string = actionGroup.id
