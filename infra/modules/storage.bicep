// The pipeline's storage account: identity-only (shared keys off), HTTPS and TLS 1.2 only, no public blobs.
// The template creates every queue, table and container the code uses, because the app's identity may read
// and write data but the code never creates them in Azure (RetentionStorage.EnsureCreatedAsync runs locally only).
//
// The names are literal lists on purpose: they must equal Retention.Pipeline.Storage.StorageNames, and the Infra
// tests read these variables from the compiled template to check that they do.

@description('Region of the account.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Globally unique name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Resource id of the app\'s user-assigned identity (keeps the role assignment names deterministic).')
param identityResourceId string

@description('Principal (object) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Optional object id of the deployer, who gets Storage Table Data Contributor to register shop rows.')
param deployerPrincipalId string = ''

@description('Days a deleted or overwritten blob, and a deleted container, stays recoverable (blob and container soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int

// StorageNames.Queues and StorageNames.PoisonQueues (the Functions host moves a message that failed
// maxDequeueCount times to <queue>-poison; it cannot create that queue itself).
var queueNames = [
  'order-events'
  'snapshot-requests'
  'audience-deliveries'
  'order-events-poison'
  'snapshot-requests-poison'
  'audience-deliveries-poison'
]

// StorageNames.Tables.
var tableNames = [
  'shops'
  'orders'
  'orderchanges'
  'snapshots'
  'retentionspend'
  'feedback'
  'pendingrefunds'
  'privacyaudit'
  'products'
  'audiences'
  'audiencesubscriptions'
  'audiencedeliveries'
  'shopactivity'
  'nightruns'
  'snapshotcohorts'
  'snapshotmonths'
  'snapshotsegments'
  'snapshotkeycustomers'
  'snapshotcohortvalue'
  'snapshotfeedback'
  'snapshotreasons'
  'snapshotmodel'
  'snapshotfirstpurchase'
  'snapshotproductjourney'
  'snapshotproductrepurchase'
  'snapshottimetosecondorder'
  'snapshotchannelpayback'
  'snapshotaudiences'
  'snapshotaudiencemembers'
  'snapshotaudienceuplift'
]

// StorageNames.Containers, plus 'exports' for BI tools (written by a later issue; provisioned now so its URL is
// stable).
var containerNames = [
  'raw-events'
  'order-ledgers'
  'privacy-exports'
  'audience-stays'
  'exports'
]

// The exports container's URL is an output of the deployment (for BI tools).
var exportsContainerName = 'exports'

// The Flex Consumption deployment package lives here; only the platform (through the identity) uses it.
var deploymentContainerName = 'app-package'

// Built-in role definitions (the same GUID in every subscription).
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    // One window for both, the blobSoftDeleteDays parameter of main.bicep; the app gets the same number as the
    // BlobSoftDeleteDays setting, because an erasure is complete only once its deleted blobs are past it.
    deleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = [
  for queue in queueNames: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

// Blob Data Owner rather than Contributor: the Functions host takes blob leases and manages its own
// containers (azure-webjobs-hosts), and the deployment package is written through the same identity.
resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityResourceId, storageBlobDataOwnerRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityResourceId, storageQueueDataContributorRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityResourceId, storageTableDataContributorRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Lets the deployer add shop rows with `az storage entity insert --auth-mode login` (docs/deploy.md).
resource deployerTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(account.id, deployerPrincipalId, storageTableDataContributorRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: deployerPrincipalId
  }
}

@description('Name of the storage account.')
output accountName string = account.name

@description('Blob service endpoint (RetentionStorage__blobServiceUri, AzureWebJobsStorage__blobServiceUri).')
output blobServiceUri string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint.')
output queueServiceUri string = account.properties.primaryEndpoints.queue

@description('Table service endpoint.')
output tableServiceUri string = account.properties.primaryEndpoints.table

@description('URL of the Flex Consumption deployment container.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('URL of the exports container for BI tools.')
output exportsContainerUrl string = '${account.properties.primaryEndpoints.blob}${containers[indexOf(containerNames, exportsContainerName)].name}'
