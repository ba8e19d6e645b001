// The whole retention pipeline on Azure: one Flex Consumption Function App that reaches its storage account,
// Key Vault and Application Insights with a user-assigned managed identity and nothing else (no account key,
// no connection string, no secret in an app setting).
//
// Scope: one resource group. Create it first (`az group create`), then deploy into it with
// `az deployment group create`, or let `azd up` create it (azure.yaml). docs/deploy.md walks through both.
// Every name below that the code also uses (queues, tables, containers, app settings) comes from
// Retention.Pipeline.Storage.StorageNames and Retention.Pipeline.SettingNames; the Infra tests check the two agree.
import { ShopifyShop } from 'modules/functionapp.bicep'

targetScope = 'resourceGroup'

@description('Name of the environment, e.g. prod (azd passes AZURE_ENV_NAME). It seeds the resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region of every resource; it must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Shop ids (3-63 lowercase letters, digits, hyphens). For each, the app gets Shops__{id}__WebhookSecret and Shops__{id}__CustomerIdSalt as Key Vault references to the secrets shop-{id}-webhook-secret and shop-{id}-customer-id-salt, which you create (docs/deploy.md).')
param shops string[] = []

@description('Shops that send Shopify webhooks, as {shop, domain}. For each, the app gets Shops__{shop}__ShopifyDomain and Shops__{shop}__ShopifySecret, a Key Vault reference to the secret shop-{shop}-shopify-secret (the Shopify app\'s client secret), which you create (docs/shopify.md).')
param shopifyShops ShopifyShop[] = []

@description('Six-field NCRONTAB expression, in UTC, of the nightly snapshot timer.')
param nightlySnapshotSchedule string = '0 0 2 * * *'

@description('Upper bound on the Flex Consumption instances the app may scale out to (a cost ceiling).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days a deleted or overwritten blob, and a deleted container, stays recoverable in the storage account (soft delete). The app gets it as the BlobSoftDeleteDays setting: an erasure is complete everywhere only this long after it ran (docs/privacy.md).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 7

@description('E-mail addresses the alerts notify (docs/operations.md). Empty, the action group still exists, with no receiver: alerts then only show in the portal.')
param alertEmails string[] = []

@description('Hour of the day, in UTC, by which every shop\'s night must have completed; after it, a shop without a completed night today raises an alert.')
@minValue(0)
@maxValue(23)
param nightDeadlineHourUtc int = 6

@description('Share of a platform\'s webhook deliveries in an hour answered with a 5xx, in percent, above which an alert fires.')
@minValue(1)
@maxValue(100)
param webhookFailedAlertPercent int = 5

@description('Fewest deliveries of a platform in that hour for the 5xx share to count: below it, the webhook alert stays quiet.')
@minValue(1)
param webhookFailedAlertMinimumDeliveries int = 10

@description('Seconds a message may wait in its queue before it is processed; a longer wait (retention.queue.lag) raises an alert.')
@minValue(1)
param processingLagAlertSeconds int = 300

@description('Average availability of the storage account over 15 minutes, in percent, below which an alert fires. A decimal number as a string (Bicep parameters have no decimals).')
param storageAvailabilityAlertPercent string = '99.9'

@description('Optional object id of the person or pipeline that deploys (azd passes AZURE_PRINCIPAL_ID). When set, it may write the shops\' secrets to Key Vault and shop rows to the shops table.')
param deployerPrincipalId string = ''

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
// Names the alerts and the workbook also use: they find these resources by name in this resource group.
var appInsightsName = 'appi-retention-${resourceToken}'
var storageAccountName = 'stret${resourceToken}'
var tags = {
  'azd-env-name': environmentName
  application: 'retention-analytics'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-retention-${resourceToken}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-retention-${resourceToken}'
    appInsightsName: appInsightsName
    identityResourceId: identity.id
    identityPrincipalId: identity.properties.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    accountName: storageAccountName
    identityResourceId: identity.id
    identityPrincipalId: identity.properties.principalId
    deployerPrincipalId: deployerPrincipalId
    blobSoftDeleteDays: blobSoftDeleteDays
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    vaultName: 'kv-ret-${resourceToken}'
    identityResourceId: identity.id
    identityPrincipalId: identity.properties.principalId
    deployerPrincipalId: deployerPrincipalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    tags: tags
    appName: 'func-retention-${resourceToken}'
    planName: 'plan-retention-${resourceToken}'
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.vaultName
    shops: shops
    shopifyShops: shopifyShops
    nightlySnapshotSchedule: nightlySnapshotSchedule
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    blobSoftDeleteDays: blobSoftDeleteDays
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-retention-${resourceToken}'
    alertsIdentityName: 'id-retention-alerts-${resourceToken}'
    appInsightsName: appInsightsName
    storageAccountName: storageAccountName
    alertEmails: alertEmails
    nightDeadlineHourUtc: nightDeadlineHourUtc
    webhookFailedAlertPercent: webhookFailedAlertPercent
    webhookFailedAlertMinimumDeliveries: webhookFailedAlertMinimumDeliveries
    processingLagAlertSeconds: processingLagAlertSeconds
    storageAvailabilityAlertPercent: storageAvailabilityAlertPercent
  }
  // The rules' scopes are the component and the account, found by name: they must exist first.
  dependsOn: [
    monitoring
    storage
  ]
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    location: location
    tags: tags
    appInsightsName: appInsightsName
    displayName: 'Retention pipeline'
  }
  // It is listed under the component, found by name: the component must exist first.
  dependsOn: [
    monitoring
  ]
}

var host = functionApp.outputs.defaultHostName

// azd copies these outputs into the environment (.azure/<env>/.env); docs/deploy.md uses them.
@description('Resource group everything was deployed into.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Name of the Function App.')
output FUNCTION_APP_NAME string = functionApp.outputs.appName

@description('Host name of the Function App.')
output FUNCTION_APP_HOST_NAME string = host

@description('Webhook URL of the generic (Standard Webhooks) endpoint; replace {shop} with the shop id.')
output WEBHOOK_URL_GENERIC string = 'https://${host}/api/webhooks/generic/{shop}'

@description('Webhook URL to give Shopify (Settings > Notifications > Webhooks); replace {shop} with the shop id.')
output WEBHOOK_URL_SHOPIFY string = 'https://${host}/api/webhooks/shopify/{shop}'

@description('Webhook URL to give WooCommerce (Settings > Advanced > Webhooks); replace {shop} with the shop id.')
output WEBHOOK_URL_WOOCOMMERCE string = 'https://${host}/api/webhooks/woocommerce/{shop}'

@description('Blob container that BI tools read the exports from (Microsoft Entra ID sign-in; shared keys are off).')
output EXPORTS_CONTAINER_URL string = storage.outputs.exportsContainerUrl

@description('Storage account of the pipeline (queues, tables, blobs).')
output STORAGE_ACCOUNT_NAME string = storage.outputs.accountName

@description('Key Vault that holds the shops\' webhook secrets and customer-id salts.')
output KEY_VAULT_NAME string = keyVault.outputs.vaultName

@description('URI of the Key Vault.')
output KEY_VAULT_URI string = keyVault.outputs.vaultUri
