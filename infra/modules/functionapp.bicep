// The Function App on the Flex Consumption plan (FC1, Linux, .NET 10 isolated worker). Every connection is
// identity-based through one user-assigned identity: the host's own storage (AzureWebJobsStorage__*), the
// pipeline's storage (RetentionStorage__*, the Connection of the queue triggers), Application Insights and the
// Key Vault references. No app setting holds a key or a secret.

@description('Region of the plan and the app.')
param location string

@description('Tags for every resource; the app also gets azd-service-name.')
param tags { *: string }

@description('Globally unique name of the Function App.')
param appName string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Client id of the user-assigned identity (the __clientId settings).')
param identityClientId string

@description('Blob service endpoint of the storage account.')
param blobServiceUri string

@description('Queue service endpoint of the storage account.')
param queueServiceUri string

@description('Table service endpoint of the storage account.')
param tableServiceUri string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Connection string of the Application Insights component (no key: its local authentication is off).')
param appInsightsConnectionString string

@description('Name of the Key Vault with the shops\' secrets.')
param keyVaultName string

@description('Shop ids that get Key Vault references for their webhook secret and customer-id salt.')
param shops string[]

@export()
type ShopifyShop = {
  @description('The shop id, as registered with retention shops add.')
  shop: string

  @description('Its X-Shopify-Shop-Domain, e.g. acme.myshopify.com.')
  domain: string
}

@description('Shops that send Shopify webhooks: their shop id and myshopify.com domain.')
param shopifyShops ShopifyShop[]

@description('Six-field NCRONTAB expression, in UTC, of the nightly snapshot timer.')
param nightlySnapshotSchedule string

@description('Upper bound on Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Days a deleted blob stays recoverable in the storage account (its soft-delete window), for the BlobSoftDeleteDays setting.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int

@description('Service name in azure.yaml: azd deploys the functions project to the app carrying this tag.')
param azdServiceName string = 'retention'

// SettingNames.ShopSetting(id, WebhookSecret / CustomerIdSalt) as app settings ("Shops:{id}:X" -> "Shops__{id}__X").
// Key Vault secret names cannot contain "_", hence shop-{id}-webhook-secret and shop-{id}-customer-id-salt.
var shopSettings = flatten(map(shops, shop => [
  {
    name: 'Shops__${shop}__WebhookSecret'
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=shop-${shop}-webhook-secret)'
  }
  {
    name: 'Shops__${shop}__CustomerIdSalt'
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=shop-${shop}-customer-id-salt)'
  }
]))

// ShopifySettingsStore's settings: the domain in the clear, the app's client secret as a Key Vault reference.
var shopifySettings = flatten(map(shopifyShops, s => [
  {
    name: 'Shops__${s.shop}__ShopifyDomain'
    value: s.domain
  }
  {
    name: 'Shops__${s.shop}__ShopifySecret'
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=shop-${s.shop}-shopify-secret)'
  }
]))

var appSettings = [
  // The Functions host's own storage (leases, timer schedule monitor, internal queues): identity-based.
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: blobServiceUri
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: queueServiceUri
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: tableServiceUri
  }
  // SettingNames.RetentionStorage: the pipeline's queues, tables and blobs (RetentionStorage.FromConfiguration and
  // the queue triggers' Connection).
  {
    name: 'RetentionStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'RetentionStorage__clientId'
    value: identityClientId
  }
  {
    name: 'RetentionStorage__blobServiceUri'
    value: blobServiceUri
  }
  {
    name: 'RetentionStorage__queueServiceUri'
    value: queueServiceUri
  }
  {
    name: 'RetentionStorage__tableServiceUri'
    value: tableServiceUri
  }
  // SettingNames.NightlySnapshotSchedule: the timer trigger reads it as %NightlySnapshotSchedule%.
  {
    name: 'NightlySnapshotSchedule'
    value: nightlySnapshotSchedule
  }
  // SettingNames.BlobSoftDeleteDays: the storage account's soft-delete window, so the privacy audit can say when an
  // erasure is complete everywhere (docs/privacy.md). The same parameter sets the window itself (storage.bicep).
  {
    name: 'BlobSoftDeleteDays'
    value: string(blobSoftDeleteDays)
  }
  // Telemetry with the managed identity: the component has local authentication disabled. The connection string
  // only says where to send; without a Microsoft Entra token the component accepts nothing.
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsightsConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identityClientId};Authorization=AAD'
  }
]

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityResourceId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(appSettings, shopSettings, shopifySettings)
    }
  }
}

@description('Name of the Function App.')
output appName string = app.name

@description('Default host name of the Function App.')
output defaultHostName string = app.properties.defaultHostName
