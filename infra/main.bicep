// RecordsVault on Azure: the API on Container Apps as a user-assigned managed identity, blob storage for the
// client-side-encrypted records and the signed audit checkpoints, Key Vault (HSM) for the KEK and the audit-signing
// key, PostgreSQL with Entra authentication only, and one Log Analytics workspace. No secret is created, passed or
// output: every connection uses the managed identity. Deploy to a resource group; see README, Deploy to Azure.
targetScope = 'resourceGroup'

@description('Azure region of every resource; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Short name, lowercase letters and digits only (it is part of the storage account name), that prefixes every resource name.')
@minLength(3)
@maxLength(12)
param name string = 'recordsvault'

@description('Application (client) id of the API\'s Entra app registration, the one that defines the Vault.* app roles.')
param apiClientId string

@description('Claim that names the caller\'s organization: org with a claims-mapping policy, extn.org with an optional claim.')
param orgClaim string = 'org'

@description('Image of the API, e.g. myregistry.azurecr.io/recordsvault-api:1.0.0.')
param apiImage string

@description('Name of a container registry in this resource group that holds apiImage; the identity gets AcrPull on it. Empty for a public image.')
param registryName string = ''

@description('Object id of the Entra group that administers PostgreSQL (and creates the API\'s database role).')
param postgresAdminObjectId string

@description('Display name of that Entra group.')
param postgresAdminName string

@description('Kind of principal postgresAdminObjectId is; a group, so that admins come and go without a deployment.')
@allowed([
  'Group'
  'User'
])
param postgresAdminType string = 'Group'

@description('PostgreSQL compute size.')
param postgresSkuName string = 'Standard_D2ds_v5'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'GeneralPurpose'

@description('Geo-redundant PostgreSQL backups (not offered in every region).')
@allowed([
  'Enabled'
  'Disabled'
])
param postgresGeoRedundantBackup string = 'Disabled'

@description('Replication of the storage account.')
param storageSkuName string = 'Standard_GRS'

@description('Days that deleted blobs, blob versions and containers can be restored.')
param blobSoftDeleteDays int = 30

@description('Days each audit checkpoint stays immutable; at least as long as the audit trail must be provable.')
param checkpointImmutabilityDays int = 2557

@description('Key rotation: a new version after this ISO 8601 duration.')
param keyRotateAfter string = 'P1Y'

@description('Key expiry: a version stops wrapping and signing after this ISO 8601 duration (unwrap and verify go on).')
param keyExpiresAfter string = 'P2Y'

@description('Key expiry notice: Event Grid hears of a coming expiry this long before it.')
param keyNotifyBeforeExpiry string = 'P30D'

@description('Days Log Analytics keeps logs.')
param logRetentionDays int = 90

@minValue(1)
@description('Replicas always running; at least one, so that the retention sweep and checkpoint timers keep running.')
param minReplicas int = 1

param maxReplicas int = 3

param tags object = {
  application: 'RecordsVault'
}

// Globally unique names are derived from the resource group, so a redeployment finds the same resources.
var suffix = uniqueString(resourceGroup().id)
var identityName = 'id-${name}-api'
var databaseName = 'recordsvault'
var recordsContainerName = 'records'
var checkpointsContainerName = 'audit-checkpoints'

resource apiIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${name}'
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: take('st${name}${suffix}', 24)
    skuName: storageSkuName
    softDeleteDays: blobSoftDeleteDays
    checkpointImmutabilityDays: checkpointImmutabilityDays
    apiIdentityId: apiIdentity.id
    apiPrincipalId: apiIdentity.properties.principalId
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    keyVaultName: take('kv-${name}-${suffix}', 24)
    softDeleteRetentionInDays: 90
    keyRotateAfter: keyRotateAfter
    keyExpiresAfter: keyExpiresAfter
    keyNotifyBeforeExpiry: keyNotifyBeforeExpiry
    apiIdentityId: apiIdentity.id
    apiPrincipalId: apiIdentity.properties.principalId
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    serverName: 'psql-${name}-${suffix}'
    databaseName: databaseName
    version: '16'
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: 64
    backupRetentionDays: 35
    geoRedundantBackup: postgresGeoRedundantBackup
    entraAdminObjectId: postgresAdminObjectId
    entraAdminName: postgresAdminName
    entraAdminType: postgresAdminType
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module registryPull 'modules/registry-pull.bicep' = if (!empty(registryName)) {
  name: 'registry-pull'
  params: {
    registryName: registryName
    apiIdentityId: apiIdentity.id
    apiPrincipalId: apiIdentity.properties.principalId
  }
}

// The API's configuration (README, Configuration), as environment variables with `__` for `:`. Reading the key
// vault's and the storage account's outputs also makes the app wait for those modules, role assignments included.
var apiSettings = {
  // DefaultAzureCredential picks the user-assigned identity by this client id.
  AZURE_CLIENT_ID: apiIdentity.properties.clientId
  Vault__Keys__Provider: 'KeyVault'
  Vault__Keys__KeyVaultUri: keyVault.outputs.keyVaultUri
  Vault__Keys__KekName: keyVault.outputs.kekName
  Vault__Keys__SigningKeyName: keyVault.outputs.signingKeyName
  Vault__Blob__ServiceUri: storage.outputs.blobEndpoint
  Vault__Blob__Container: recordsContainerName
  Vault__Audit__CheckpointContainer: checkpointsContainerName
  Vault__Database__Provider: 'Postgres'
  // No password: the API signs in as the role named after its managed identity, with an Entra token.
  Vault__Database__ConnectionString: 'Host=${postgres.outputs.fqdn};Database=${databaseName};Username=${identityName};Ssl Mode=VerifyFull'
  Vault__Database__Authentication: 'EntraId'
  Vault__Identity__Mode: 'EntraId'
  Vault__Identity__OrgClaim: orgClaim
  AzureAd__Instance: environment().authentication.loginEndpoint
  AzureAd__TenantId: tenant().tenantId
  AzureAd__ClientId: apiClientId
}

module api 'modules/containerapp.bicep' = {
  name: 'api'
  params: {
    location: location
    environmentName: 'cae-${name}'
    appName: 'ca-${name}-api'
    image: apiImage
    registryServer: registryPull.?outputs.loginServer ?? ''
    identityId: apiIdentity.id
    env: map(items(apiSettings), setting => { name: setting.key, value: setting.value })
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

@description('The API\'s public address.')
output apiUrl string = 'https://${api.outputs.fqdn}'

@description('Blob endpoint of the storage account (Vault:Blob:ServiceUri).')
output blobEndpoint string = storage.outputs.blobEndpoint

output storageAccountName string = storage.outputs.storageAccountName

@description('Key Vault URI and the two keys\' URIs.')
output keyVaultUri string = keyVault.outputs.keyVaultUri

output kekUri string = keyVault.outputs.kekUri
output signingKeyUri string = keyVault.outputs.signingKeyUri

@description('PostgreSQL host name and database.')
output postgresHost string = postgres.outputs.fqdn

output postgresServerName string = postgres.outputs.serverName
output postgresDatabase string = postgres.outputs.databaseName

@description('The API\'s managed identity: its name is also its PostgreSQL role.')
output apiIdentityName string = apiIdentity.name

output apiIdentityClientId string = apiIdentity.properties.clientId
output apiIdentityPrincipalId string = apiIdentity.properties.principalId
output apiIdentityResourceId string = apiIdentity.id
output containerAppName string = api.outputs.appName
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
