// The API on Azure Container Apps: its environment (logs to Log Analytics through a diagnostic setting, so no
// workspace key is handed over) and the app, which runs as the user-assigned managed identity.

@description('Azure region of the environment and the app.')
param location string

@description('Name of the Container Apps environment.')
param environmentName string

@description('Name of the container app.')
param appName string

@description('Image of the API, e.g. myregistry.azurecr.io/recordsvault-api:1.0.0.')
param image string

@description('Login server of the registry the image is pulled from with the managed identity (AcrPull); empty for a public image.')
param registryServer string

@description('Resource id of the API\'s user-assigned managed identity.')
param identityId string

@description('Environment variables of the API, as name/value pairs. None of them is a secret.')
param env array

@minValue(0)
@maxValue(30)
param minReplicas int

@minValue(1)
@maxValue(30)
param maxReplicas int

@description('Resource id of the Log Analytics workspace.')
param workspaceId string

param tags object

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    zoneRedundant: false
  }
}

resource environmentDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
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

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        // The port ASP.NET Core listens on in the .NET container images (ASPNETCORE_HTTP_PORTS).
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identityId
            }
          ]
    }
    template: {
      containers: [
        {
          name: 'api'
          image: image
          env: env
          resources: {
            // Large uploads and packet rendering peak near 400 MiB (README, Performance).
            cpu: json('1.0')
            memory: '2Gi'
          }
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/health'
                port: 8080
              }
              periodSeconds: 10
            }
            {
              // Ready only while the database, blob storage and key provider all answer.
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: 8080
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

output environmentName string = environment.name
output appName string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
