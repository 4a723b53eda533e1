// The Log Analytics workspace that the Container Apps environment, Key Vault, storage and PostgreSQL send logs to.

@description('Azure region of the workspace.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Readers need a role on the workspace or on the resource whose logs they read, not a shared key.
      enableLogAccessUsingOnlyResourcePermissions: true
      disableLocalAuth: true
    }
  }
}

output workspaceId string = workspace.id
output workspaceName string = workspace.name
