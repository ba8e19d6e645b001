// The "Retention pipeline" workbook: the pipeline's OpenTelemetry metrics from the Application Insights component's
// customMetrics table, per shop. It is where the runbook (docs/operations.md) sends the on-call engineer first.
//
// A counter's row holds the export interval's sum in valueSum; a histogram's row holds valueSum, valueCount and
// valueMax. The Shop dropdown filters every chart whose metric carries a shop dimension; a metric without one (a
// queue's lag, say) is shown for the whole pipeline.

@description('Region of the workbook.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Name of the Application Insights component (in this resource group) the workbook queries and is listed under.')
param appInsightsName string

@description('Name of the workbook as the portal lists it.')
param displayName string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Every query keeps the rows of the selected shops, and the rows without a shop dimension.
var shopFilter = '| where "*" in ({Shop}) or isempty(shop) or shop in ({Shop})'

var panels = [
  {
    name: 'webhook-deliveries'
    title: 'Webhook deliveries by platform and outcome (retention.webhook.deliveries)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.webhook.deliveries"\n| extend shop = tostring(customDimensions.shop), platform = tostring(customDimensions.platform), outcome = tostring(customDimensions.outcome)\n${shopFilter}\n| summarize deliveries = sum(valueSum) by series = strcat(platform, " ", outcome), bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'webhook-deliveries-per-shop'
    title: 'Webhook deliveries per shop and platform: failed = answered 5xx'
    visualization: 'table'
    query: 'customMetrics\n| where name == "retention.webhook.deliveries"\n| extend shop = tostring(customDimensions.shop), platform = tostring(customDimensions.platform), outcome = tostring(customDimensions.outcome)\n${shopFilter}\n| summarize accepted = sumif(valueSum, outcome == "accepted"), refused = sumif(valueSum, outcome == "refused"), failed = sumif(valueSum, outcome == "failed"), lastDelivery = max(timestamp) by shop, platform\n| extend failedPercent = round(100.0 * failed / (accepted + refused + failed), 2)\n| order by shop asc, platform asc'
  }
  {
    name: 'webhook-refusals'
    title: 'Refused and failed deliveries by reason'
    visualization: 'table'
    query: 'customMetrics\n| where name == "retention.webhook.deliveries"\n| extend shop = tostring(customDimensions.shop), platform = tostring(customDimensions.platform), outcome = tostring(customDimensions.outcome), reason = tostring(customDimensions.reason)\n${shopFilter}\n| where outcome != "accepted"\n| summarize deliveries = sum(valueSum) by shop, platform, outcome, reason\n| order by deliveries desc'
  }
  {
    name: 'webhook-ack-duration'
    title: 'Acknowledgement latency, seconds (retention.webhook.ack.duration)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.webhook.ack.duration"\n| extend shop = tostring(customDimensions.shop)\n${shopFilter}\n| summarize averageSeconds = sum(valueSum) / sum(valueCount), maximumSeconds = max(valueMax) by bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'intake-batch-deliveries'
    title: 'Deliveries per intake batch (retention.intake.batch.deliveries)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.intake.batch.deliveries"\n| extend shop = tostring(customDimensions.shop)\n${shopFilter}\n| summarize averageDeliveries = sum(valueSum) / sum(valueCount), maximumDeliveries = max(valueMax) by bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'events'
    title: 'Events processed and failed, by queue (retention.events.processed, retention.events.failed)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name in ("retention.events.processed", "retention.events.failed")\n| extend shop = tostring(customDimensions.shop), queue = tostring(customDimensions.queue)\n${shopFilter}\n| summarize events = sum(valueSum) by series = strcat(queue, iff(name == "retention.events.failed", " failed", " processed")), bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'queue-lag'
    title: 'Processing lag: longest wait in the queue, seconds (retention.queue.lag)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.queue.lag"\n| extend shop = tostring(customDimensions.shop), queue = tostring(customDimensions.queue)\n${shopFilter}\n| summarize lagSeconds = max(valueMax) by queue, bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'poisoned'
    title: 'Messages parked in a poison queue (retention.queue.poisoned)'
    visualization: 'barchart'
    query: 'customMetrics\n| where name == "retention.queue.poisoned"\n| extend shop = tostring(customDimensions.shop), queue = tostring(customDimensions.queue)\n${shopFilter}\n| summarize poisoned = sum(valueSum) by queue, bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'nights'
    title: 'Nights per shop: the last one and its outcome (retention.night.runs)'
    visualization: 'table'
    query: 'customMetrics\n| where name == "retention.night.runs"\n| extend shop = tostring(customDimensions.shop), outcome = tostring(customDimensions.outcome)\n${shopFilter}\n| summarize arg_max(timestamp, outcome), completed = sumif(valueSum, outcome == "completed"), failed = sumif(valueSum, outcome == "failed") by shop\n| project shop, lastNight = timestamp, lastOutcome = outcome, completed, failed\n| order by shop asc'
  }
  {
    name: 'night-duration'
    title: 'Night duration per shop, seconds (retention.night.duration)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.night.duration"\n| extend shop = tostring(customDimensions.shop)\n${shopFilter}\n| summarize seconds = max(valueMax) by shop, bin(timestamp, 1d)'
  }
  {
    name: 'night-orders'
    title: 'Orders per night and shop (retention.night.orders)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.night.orders"\n| extend shop = tostring(customDimensions.shop)\n${shopFilter}\n| summarize orders = sum(valueSum) by shop, bin(timestamp, 1d)'
  }
  {
    name: 'export-bytes'
    title: 'Export size by dataset and format, MB (retention.export.bytes)'
    visualization: 'table'
    query: 'customMetrics\n| where name == "retention.export.bytes"\n| extend shop = tostring(customDimensions.shop), dataset = tostring(customDimensions.dataset), format = tostring(customDimensions.format)\n${shopFilter}\n| summarize megabytes = round(sum(valueSum) / 1048576.0, 3) by shop, dataset, format\n| order by megabytes desc'
  }
  {
    name: 'audience-deliveries'
    title: 'Audience deliveries by outcome: delivered, retried, dead, cancelled (retention.audience.deliveries)'
    visualization: 'timechart'
    query: 'customMetrics\n| where name == "retention.audience.deliveries"\n| extend shop = tostring(customDimensions.shop), outcome = tostring(customDimensions.outcome)\n${shopFilter}\n| summarize deliveries = sum(valueSum) by outcome, bin(timestamp, {TimeRange:grain})'
  }
  {
    name: 'audience-dead-letters'
    title: 'Audience dead letters per shop (retention.audience.dead_letters)'
    visualization: 'barchart'
    query: 'customMetrics\n| where name == "retention.audience.dead_letters"\n| extend shop = tostring(customDimensions.shop)\n${shopFilter}\n| summarize deadLetters = sum(valueSum) by shop, bin(timestamp, {TimeRange:grain})'
  }
]

var header = {
  type: 1
  content: {
    json: '## Retention pipeline\nEach chart reads the pipeline\'s metrics (customMetrics). **Shop** filters the charts whose metric carries a shop; the others show the whole pipeline. The runbook for each alert is docs/operations.md; `retention status --shop S` prints the same picture from storage.'
  }
  name: 'header'
}

var parameters = {
  type: 9
  content: {
    version: 'KqlParameterItem/1.0'
    parameters: [
      {
        id: '8d6f6d2a-3c1e-4f4b-9a55-6c1f5b0e7a01'
        version: 'KqlParameterItem/1.0'
        name: 'TimeRange'
        label: 'Time range'
        type: 4
        isRequired: true
        typeSettings: {
          selectableValues: [
            { durationMs: 3600000 }
            { durationMs: 14400000 }
            { durationMs: 86400000 }
            { durationMs: 259200000 }
            { durationMs: 604800000 }
            { durationMs: 1209600000 }
          ]
          allowCustom: true
        }
        value: { durationMs: 86400000 }
      }
      {
        id: '8d6f6d2a-3c1e-4f4b-9a55-6c1f5b0e7a02'
        version: 'KqlParameterItem/1.0'
        name: 'Shop'
        label: 'Shop'
        type: 2
        isRequired: true
        multiSelect: true
        quote: '\''
        delimiter: ','
        query: 'customMetrics\n| extend shop = tostring(customDimensions.shop)\n| where isnotempty(shop)\n| summarize by shop\n| order by shop asc'
        typeSettings: {
          additionalResourceOptions: [
            'value::all'
          ]
          selectAllValue: '*'
          showDefault: false
        }
        defaultValue: 'value::all'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.insights/components'
      }
    ]
    style: 'pills'
    queryType: 0
    resourceType: 'microsoft.insights/components'
  }
  name: 'parameters'
}

var charts = map(panels, panel => {
  type: 3
  content: {
    version: 'KqlItem/1.0'
    query: panel.query
    size: 0
    title: panel.title
    timeContextFromParameter: 'TimeRange'
    queryType: 0
    resourceType: 'microsoft.insights/components'
    visualization: panel.visualization
  }
  customWidth: '50'
  name: panel.name
})

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(appInsights.id, 'retention-pipeline-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsights.id
    version: 'Notebook/1.0'
    serializedData: string({
      version: 'Notebook/1.0'
      items: concat([header, parameters], charts)
      isLocked: false
      fallbackResourceIds: [
        appInsights.id
      ]
    })
  }
}

@description('Name (a GUID) of the workbook resource.')
output workbookName string = workbook.name
