// The blob storage account: encrypted records (client-side, by the API) and the signed audit checkpoints.
// Only Entra ID (the API's managed identity) reaches the data: shared keys and anonymous access are off.

@description('Azure region of the account.')
param location string

@description('Name of the storage account (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Replication of the account, e.g. Standard_ZRS or Standard_GZRS.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Days that deleted blobs, versions and containers can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Days each audit checkpoint blob is kept immutable (time-based retention on audit-checkpoints).')
@minValue(1)
@maxValue(146000)
param checkpointImmutabilityDays int

@description('Resource id of the API\'s managed identity; names its role assignments, and is known before deployment.')
param apiIdentityId string

@description('Principal id of the API\'s managed identity, given Storage Blob Data Contributor on the account.')
param apiPrincipalId string

@description('Resource id of the Log Analytics workspace for the blob service\'s logs.')
param workspaceId string

param tags object

// Built-in role: Storage Blob Data Contributor (read, write and delete blobs and containers; no keys, no policy changes).
var storageBlobDataContributor = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
)

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // The API on Container Apps reaches the account over its public endpoint, with Entra ID only.
    // Private endpoints need a virtual network around the Container Apps environment (see README, Deploy to Azure).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      // A second, platform-managed layer under the API's own client-side encryption.
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

// Vault:Blob:Container. Disposal deletes blobs here; the destroyed case key makes every version and soft-deleted copy unreadable.
resource recordsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'records'
  properties: {
    publicAccess: 'None'
  }
}

// Vault:Audit:CheckpointContainer: the signed chain heads, kept outside the database.
resource checkpointsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'audit-checkpoints'
  properties: {
    publicAccess: 'None'
  }
}

// Nobody, the API's identity included, can alter or delete a checkpoint during the period. Checkpoints are append
// blobs that get a line per checkpoint for an hour, so protected appends stay allowed. The policy is left unlocked:
// lock it once the period is agreed (README, Deploy to Azure), since a locked policy can never be shortened or removed.
resource checkpointsImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: checkpointsContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: checkpointImmutabilityDays
    allowProtectedAppendWrites: true
  }
}

resource apiBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, apiIdentityId, storageBlobDataContributor)
  scope: account
  properties: {
    roleDefinitionId: storageBlobDataContributor
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

output storageAccountName string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output recordsContainerName string = recordsContainer.name
output checkpointsContainerName string = checkpointsContainer.name
