// PostgreSQL Flexible Server for Vault:Database:Provider=Postgres. Microsoft Entra authentication only: there is no
// password to leak, and the API signs in as its managed identity with a token. TLS is required.

@description('Azure region of the server.')
param location string

@description('Name of the server (globally unique; becomes NAME.postgres.database.azure.com).')
param serverName string

@description('Name of the vault\'s database.')
param databaseName string

@description('PostgreSQL major version.')
@allowed([
  '16'
])
param version string

@description('Compute size, e.g. Standard_D2ds_v5 (GeneralPurpose) or Standard_B1ms (Burstable, for trials).')
param skuName string

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@description('Storage size in GiB; it grows automatically.')
param storageSizeGB int

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Geo-redundant backups (not offered in every region).')
@allowed([
  'Enabled'
  'Disabled'
])
param geoRedundantBackup string

@description('Object id of the Entra group (or user) that administers the server and creates the API\'s role.')
param entraAdminObjectId string

@description('Display name of that Entra group (or user principal name of the user).')
param entraAdminName string

@allowed([
  'Group'
  'User'
  'ServicePrincipal'
])
param entraAdminType string

@description('Resource id of the Log Analytics workspace for the server\'s logs.')
param workspaceId string

param tags object

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: subscription().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup
    }
    // Reached over its public endpoint with Entra tokens and TLS; see README, Deploy to Azure, for private access.
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// The server takes one change at a time, so each child below waits for the one before it.
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
  dependsOn: [
    requireTls
  ]
}

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: entraAdminObjectId
  properties: {
    principalType: entraAdminType
    principalName: entraAdminName
    tenantId: subscription().tenantId
  }
  dependsOn: [
    minimumTls
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    entraAdmin
  ]
}

// Container Apps without a virtual network have no fixed outbound address; this rule admits Azure's addresses only,
// and every connection still needs an Entra token for a role that exists on the server.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    database
  ]
}

resource serverDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
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

output serverName string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
