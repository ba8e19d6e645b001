// Key Vault for the shops' webhook secrets and customer-id salts. Access is by Azure RBAC only (no access
// policies); soft delete and purge protection keep a deleted salt recoverable, because a lost salt would split
// every guest customer of that shop into two. The app reads the secrets through Key Vault references in its
// app settings, resolved by the platform with the user-assigned identity (Key Vault Secrets User).

@description('Region of the vault.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Globally unique name of the vault (3-24 letters, digits, hyphens).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Resource id of the app\'s user-assigned identity (keeps the role assignment name deterministic).')
param identityResourceId string

@description('Principal (object) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Optional object id of the deployer, who gets Key Vault Secrets Officer to set the shops\' secrets.')
param deployerPrincipalId string = ''

// Built-in roles.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityResourceId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: deployerPrincipalId
  }
}

@description('Name of the vault.')
output vaultName string = vault.name

@description('URI of the vault.')
output vaultUri string = vault.properties.vaultUri
