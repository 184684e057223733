metadata name = 'Alerts of the operations guide'
metadata description = 'The alerts of the operations guide on the platform (CPU, response time, database disk and connections) and on the till\'s own metrics (checkout error rate and p95, the app\'s connection pool, the app instances\' disk, audit chain and archive lag), and a workbook of them. Every alert notifies one action group.'

@description('Required. Prefix of the alert names, such as the environment name.')
param namePrefix string

@description('Optional. Location of the log-query alerts.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. E-mail addresses of the on-call operators.')
@minLength(1)
param alertEmailAddresses string[]

@description('Required. Application Insights component: the app\'s requests, its metrics (customMetrics) and checkout timings (dependencies).')
param applicationInsightsResourceId string

@description('Required. The web app (response time).')
param webAppResourceId string

@description('Required. The App Service plan (CPU).')
param appServicePlanResourceId string

@description('Required. The primary PostgreSQL server (disk, connections).')
param postgresResourceId string

@description('Required. The max_connections of the PostgreSQL server.')
param postgresMaxConnections int

@description('Optional. Alert thresholds; the defaults are those of the operations guide.')
param thresholds thresholdsType = {
  errorRatePercent: 1
  responseTimeSeconds: 5
  cpuPercent: 80
  diskPercent: 80
  connectionsPercent: 90
  poolPercent: 90
  appDiskPercent: 80
  auditChainLagSeconds: 300
  archiveBacklogMinutes: 30
}

@export()
@description('Alert thresholds.')
type thresholdsType = {
  @description('Failed requests, and checkouts failed by an error, percent of all, above which the error-rate alerts fire.')
  errorRatePercent: int

  @description('Average HTTP response time, and the checkout\'s 95th percentile, seconds, above which the response-time alerts fire.')
  responseTimeSeconds: int

  @description('Average CPU of the plan, percent, above which the CPU alert fires.')
  cpuPercent: int

  @description('Database storage used, percent, above which the disk alert fires.')
  diskPercent: int

  @description('Active database connections, percent of max_connections, above which the connection alert fires.')
  connectionsPercent: int

  @description('Connections in use in one instance\'s pool, percent of the pool\'s maximum, above which the pool alert fires.')
  poolPercent: int

  @description('Disk used on an app instance, percent, above which the app-disk alert fires.')
  appDiskPercent: int

  @description('Age of the oldest audit record not yet chained, seconds, above which the chain-lag alert fires.')
  auditChainLagSeconds: int

  @description('Minutes the audit archive may have closed blocks waiting before the archive-lag alert fires.')
  archiveBacklogMinutes: int
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

// Ratios and percentiles are not platform metrics: they are computed from the app's telemetry in Application
// Insights. `metrics` lists the app's metric names each query reads (the names of PharmacyPos.Web's PosMetrics,
// and Npgsql's); the deployment tests fail when one of them is not a metric the app publishes.
var logAlerts = [
  {
    name: 'error-rate'
    description: 'Failed requests above ${thresholds.errorRatePercent}% of all requests'
    severity: 1
    windowSize: 'PT5M'
    metrics: []
    query: 'requests | summarize total = count(), failed = countif(success == false) | where total >= 50 | extend errorRatePercent = 100.0 * failed / total'
    measure: 'errorRatePercent'
    operator: 'GreaterThan'
    threshold: thresholds.errorRatePercent
  }
  {
    // Sales run inside Blazor circuits, not HTTP requests: this is where a failed checkout shows.
    name: 'checkout-error-rate'
    description: 'Checkouts failed by an error above ${thresholds.errorRatePercent}% of all checkouts'
    severity: 1
    windowSize: 'PT15M'
    metrics: [
      'pos.sales.committed'
      'pos.sales.refused'
    ]
    query: 'customMetrics | where name in ("pos.sales.committed", "pos.sales.refused") | extend reason = tostring(customDimensions.reason) | summarize total = sum(valueSum), failed = sumif(valueSum, name == "pos.sales.refused" and reason == "error") | where total >= 20 | extend checkoutErrorRatePercent = 100.0 * failed / total'
    measure: 'checkoutErrorRatePercent'
    operator: 'GreaterThan'
    threshold: thresholds.errorRatePercent
  }
  {
    // Each checkout is one "pos.checkout" operation with its duration: the percentile comes from every sale, not an average.
    name: 'checkout-p95'
    description: 'Checkout commit p95 above ${thresholds.responseTimeSeconds} s (where the cashier waits after paying)'
    severity: 2
    windowSize: 'PT15M'
    metrics: [
      'pos.checkout'
    ]
    query: 'dependencies | where name == "pos.checkout" | summarize checkouts = count(), checkoutP95Seconds = percentile(duration, 95) / 1000.0 | where checkouts >= 20'
    measure: 'checkoutP95Seconds'
    operator: 'GreaterThan'
    threshold: thresholds.responseTimeSeconds
  }
  {
    name: 'app-pool'
    description: 'An app instance uses above ${thresholds.poolPercent}% of its database connection pool'
    severity: 2
    windowSize: 'PT5M'
    metrics: [
      'db.client.connection.count'
      'db.client.connection.max'
    ]
    query: 'customMetrics | where name in ("db.client.connection.count", "db.client.connection.max") | extend state = tostring(customDimensions["db.client.connection.state"]) | summarize used = maxif(valueMax, name == "db.client.connection.count" and state == "used"), maximum = maxif(valueMax, name == "db.client.connection.max") by cloud_RoleInstance | where maximum > 0 | extend poolPercent = 100.0 * used / maximum'
    measure: 'poolPercent'
    operator: 'GreaterThan'
    threshold: thresholds.poolPercent
  }
  {
    name: 'app-disk'
    description: 'An app instance\'s disk above ${thresholds.appDiskPercent}%'
    severity: 2
    windowSize: 'PT15M'
    metrics: [
      'pos.disk.used'
    ]
    query: 'customMetrics | where name == "pos.disk.used" | summarize diskPercent = max(valueMax) by cloud_RoleInstance'
    measure: 'diskPercent'
    operator: 'GreaterThan'
    threshold: thresholds.appDiskPercent
  }
  {
    name: 'audit-chain-lag'
    description: 'An audit record has waited more than ${thresholds.auditChainLagSeconds} s to be chained'
    severity: 1
    windowSize: 'PT15M'
    metrics: [
      'pos.audit.chain.lag'
    ]
    query: 'customMetrics | where name == "pos.audit.chain.lag" | summarize chainLagSeconds = max(valueMax)'
    measure: 'chainLagSeconds'
    operator: 'GreaterThan'
    threshold: thresholds.auditChainLagSeconds
  }
  {
    // Blocks waiting the whole window: the archive has been failing for that long (one pending block after a
    // block closes is normal for a moment).
    name: 'archive-lag'
    description: 'Audit blocks have waited for the archive for ${thresholds.archiveBacklogMinutes} minutes'
    severity: 2
    windowSize: 'PT${thresholds.archiveBacklogMinutes}M'
    metrics: [
      'pos.audit.archive.pending_blocks'
    ]
    query: 'customMetrics | where name == "pos.audit.archive.pending_blocks" | summarize samples = count(), pendingBlocks = min(valueMin) | where samples >= 5'
    measure: 'pendingBlocks'
    operator: 'GreaterThan'
    threshold: 0
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
        applicationInsightsResourceId
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

// The till at a glance: checkout p50/p95/p99, sales per second, failed checkouts, and each instance's pool and
// disk. There is no cache-hit-ratio chart: the app keeps no catalog cache, so there is no hit ratio to show
// (Redis holds sign-in keys, the SignalR backplane and sessions only).
var workbookQueries = [
  {
    title: 'Checkout commit time (s): p50, p95, p99'
    query: 'dependencies | where name == "pos.checkout" | summarize p50 = percentile(duration, 50) / 1000.0, p95 = percentile(duration, 95) / 1000.0, p99 = percentile(duration, 99) / 1000.0 by bin(timestamp, 5m) | render timechart'
  }
  {
    title: 'Scan to line on screen (s): average and slowest per minute'
    query: 'customMetrics | where name == "pos.scan.duration" | summarize average = sum(valueSum) / sum(valueCount), slowest = max(valueMax) by bin(timestamp, 1m) | render timechart'
  }
  {
    title: 'Sales per second'
    query: 'customMetrics | where name == "pos.sales.committed" | summarize salesPerSecond = sum(valueSum) / 60.0 by bin(timestamp, 1m) | render timechart'
  }
  {
    title: 'Checkouts refused, by reason; voids; refunds; card declines'
    query: 'customMetrics | where name in ("pos.sales.refused", "pos.sales.voided", "pos.refunds", "pos.card_terminal.declines") | extend series = iff(name == "pos.sales.refused", strcat("refused: ", tostring(customDimensions.reason)), name) | summarize count = sum(valueSum) by series, bin(timestamp, 5m) | render timechart'
  }
  {
    title: 'Database pool in use, percent, per instance'
    query: 'customMetrics | where name in ("db.client.connection.count", "db.client.connection.max") | extend state = tostring(customDimensions["db.client.connection.state"]) | summarize used = maxif(valueMax, name == "db.client.connection.count" and state == "used"), maximum = maxif(valueMax, name == "db.client.connection.max") by cloud_RoleInstance, bin(timestamp, 5m) | where maximum > 0 | project timestamp, cloud_RoleInstance, poolPercent = 100.0 * used / maximum | render timechart'
  }
  {
    title: 'Open screens (circuits), disk used percent, per instance'
    query: 'customMetrics | where name in ("pos.circuits.open", "pos.disk.used") | summarize value = max(valueMax) by series = strcat(name, " ", cloud_RoleInstance), bin(timestamp, 5m) | render timechart'
  }
  {
    title: 'Audit chain lag (s) and archive blocks waiting'
    query: 'customMetrics | where name in ("pos.audit.chain.lag", "pos.audit.archive.pending_blocks") | summarize value = max(valueMax) by name, bin(timestamp, 5m) | render timechart'
  }
]

var workbookItems = [
  for (item, i) in workbookQueries: {
    type: 3
    name: 'chart-${i}'
    content: {
      version: 'KqlItem/1.0'
      title: item.title
      query: item.query
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContext: {
        durationMs: 86400000
      }
    }
  }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, namePrefix, 'till-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: '${namePrefix} - the till'
    category: 'workbook'
    sourceId: applicationInsightsResourceId
    serializedData: string({
      version: 'Notebook/1.0'
      items: workbookItems
      isLocked: false
    })
  }
}

@description('The resource ID of the on-call action group.')
output actionGroupResourceId string = actionGroup.id

@description('The resource ID of the workbook.')
output workbookResourceId string = workbook.id
