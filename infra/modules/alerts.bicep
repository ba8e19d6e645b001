// What wakes the on-call engineer: one action group that e-mails alertEmails, and five alert rules wired to it.
// docs/operations.md is the runbook, one section per rule, in the order below.
//
// Four rules are log search alerts (scheduledQueryRules) over the Application Insights component: the pipeline's
// OpenTelemetry metrics land in its customMetrics table, one row per instrument and export interval, with the
// dimensions in customDimensions. A counter's row holds the interval's sum in valueSum; a histogram's row holds
// valueSum, valueCount and valueMax. The fifth is a platform metric alert on the storage account's Availability.
//
// The rules query with their own user-assigned identity (Reader on the component), not with the permissions of
// whoever deployed them last, so a rule keeps working after that person loses access.
//
// Every rule is stateful (autoMitigate): it notifies once when it fires and once when it resolves.

@description('Region of the log search alert rules and their identity (that of the Application Insights component).')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Name of the action group.')
param actionGroupName string

@description('Name of the identity the log search alert rules query with.')
param alertsIdentityName string

@description('Name of the Application Insights component (in this resource group) the log search alert rules query.')
param appInsightsName string

@description('Name of the pipeline\'s storage account (in this resource group), the scope of the availability alert.')
param storageAccountName string

@description('E-mail addresses the action group notifies; empty, the group exists with no receiver and the alerts only show in the portal.')
param alertEmails string[]

@description('Hour of the day (UTC) by which every shop\'s night must have completed.')
@minValue(0)
@maxValue(23)
param nightDeadlineHourUtc int

@description('Share of webhook deliveries answered with a 5xx, in percent, above which the webhook alert fires.')
@minValue(1)
@maxValue(100)
param webhookFailedAlertPercent int

@description('Deliveries of one platform in the alert window below which the webhook alert stays quiet (too few to judge a share).')
@minValue(1)
param webhookFailedAlertMinimumDeliveries int

@description('Age of the oldest message when taken from its queue, in seconds, above which the processing-lag alert fires.')
@minValue(1)
param processingLagAlertSeconds int

@description('Average availability of the storage account, in percent (a decimal number as a string, e.g. 99.9), below which the storage alert fires.')
param storageAvailabilityAlertPercent string

// Built-in role: Reader (log queries through the component need read access to it, nothing more).
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

// The metric names are those of the pipeline's meter; docs/operations.md lists them per rule.
var poisonQuery = '''
customMetrics
| where name == "retention.queue.poisoned"
| extend queue = tostring(customDimensions.queue)
| summarize poisoned = sum(valueSum) by queue
'''

// A log search alert reads at most two days of data, whatever the query says (docs/operations.md): "the shops of the
// last two days" stands in for "the shops of the last eight days". A shop whose nights stop altogether fires on the
// first day and, once its last completed night is more than two days old, no more.
var nightOverdueQuery = '''
customMetrics
| where timestamp > ago(2d)
| where name == "retention.night.runs"
| extend shop = tostring(customDimensions.shop), outcome = tostring(customDimensions.outcome)
| summarize lastCompleted = maxif(timestamp, outcome == "completed"), lastFailed = maxif(timestamp, outcome == "failed") by shop
| where hourofday(now()) >= deadlineHour
| extend failedToday = lastFailed >= startofday(now()) and (isnull(lastCompleted) or lastCompleted < lastFailed)
| extend notCompletedToday = isnotnull(lastCompleted) and lastCompleted < startofday(now())
| where failedToday or notCompletedToday
| project shop, problem = iff(failedToday, "failed", "not completed"), lastCompleted = tostring(lastCompleted), lastFailed = tostring(lastFailed)
'''

var webhookFailedQuery = '''
customMetrics
| where name == "retention.webhook.deliveries"
| extend platform = tostring(customDimensions.platform), outcome = tostring(customDimensions.outcome)
| summarize deliveries = sum(valueSum), failed = sumif(valueSum, outcome == "failed") by platform
| where deliveries >= minimumDeliveries
| extend failedPercent = round(100.0 * failed / deliveries, 2)
'''

var processingLagQuery = '''
customMetrics
| where name == "retention.queue.lag"
| extend queue = tostring(customDimensions.queue)
| summarize lagSeconds = max(valueMax) by queue
'''

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'retention'
    enabled: true
    emailReceivers: [
      for (email, i) in alertEmails: {
        name: 'email-${i}'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

resource alertsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: alertsIdentityName
  location: location
  tags: tags
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource alertsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, alertsIdentity.id, readerRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: alertsIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

var logAlertIdentity = {
  type: 'UserAssigned'
  userAssignedIdentities: {
    '${alertsIdentity.id}': {}
  }
}

resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'retention-poison-messages'
  location: location
  tags: tags
  kind: 'LogAlert'
  identity: logAlertIdentity
  properties: {
    displayName: 'Retention: poison messages'
    description: 'A message failed five times and was parked in a -poison queue (retention.queue.poisoned). Runbook: docs/operations.md, "Poison messages".'
    severity: 2
    enabled: true
    autoMitigate: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: poisonQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'poisoned'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'queue'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
  dependsOn: [
    alertsReader
  ]
}

resource nightOverdueAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'retention-night-overdue'
  location: location
  tags: tags
  kind: 'LogAlert'
  identity: logAlertIdentity
  properties: {
    displayName: 'Retention: a shop\'s night not completed by ${nightDeadlineHourUtc}:00 UTC'
    description: 'A shop that completed a night in the last two days has not completed one today by the deadline, or its night failed today and has not completed since (retention.night.runs). Runbook: docs/operations.md, "Night not completed".'
    severity: 1
    enabled: true
    autoMitigate: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    overrideQueryTimeRange: 'P2D'
    criteria: {
      allOf: [
        {
          query: 'let deadlineHour = ${nightDeadlineHourUtc};${nightOverdueQuery}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'shop'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
  dependsOn: [
    alertsReader
  ]
}

resource webhookFailedAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'retention-webhook-5xx'
  location: location
  tags: tags
  kind: 'LogAlert'
  identity: logAlertIdentity
  properties: {
    displayName: 'Retention: webhook deliveries answered 5xx above ${webhookFailedAlertPercent} %'
    description: 'More than ${webhookFailedAlertPercent} % of a platform\'s webhook deliveries in the last hour were answered with a 5xx (outcome failed of retention.webhook.deliveries), with at least ${webhookFailedAlertMinimumDeliveries} deliveries. Runbook: docs/operations.md, "Webhook deliveries failing".'
    severity: 1
    enabled: true
    autoMitigate: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'let minimumDeliveries = ${webhookFailedAlertMinimumDeliveries};${webhookFailedQuery}'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failedPercent'
          operator: 'GreaterThan'
          threshold: webhookFailedAlertPercent
          dimensions: [
            {
              name: 'platform'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
  dependsOn: [
    alertsReader
  ]
}

resource processingLagAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'retention-processing-lag'
  location: location
  tags: tags
  kind: 'LogAlert'
  identity: logAlertIdentity
  properties: {
    displayName: 'Retention: processing lag above ${processingLagAlertSeconds} s'
    description: 'A message waited more than ${processingLagAlertSeconds} s in its queue before it was processed (retention.queue.lag). Runbook: docs/operations.md, "Processing lag".'
    severity: 2
    enabled: true
    autoMitigate: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: processingLagQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'lagSeconds'
          operator: 'GreaterThan'
          threshold: processingLagAlertSeconds
          dimensions: [
            {
              name: 'queue'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
  dependsOn: [
    alertsReader
  ]
}

resource storageAvailabilityAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'retention-storage-availability'
  location: 'global'
  tags: tags
  properties: {
    description: 'The storage account\'s average availability over 15 minutes fell below ${storageAvailabilityAlertPercent} %: queues, tables and blobs are failing requests. Runbook: docs/operations.md, "Storage availability".'
    severity: 1
    enabled: true
    autoMitigate: true
    scopes: [
      storageAccount.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'availability'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Availability'
          timeAggregation: 'Average'
          operator: 'LessThan'
          threshold: json(storageAvailabilityAlertPercent)
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

@description('Resource id of the action group.')
output actionGroupId string = actionGroup.id

@description('Names of the alert rules, in the order of docs/operations.md.')
output alertRuleNames string[] = [
  poisonAlert.name
  nightOverdueAlert.name
  webhookFailedAlert.name
  processingLagAlert.name
  storageAvailabilityAlert.name
]
