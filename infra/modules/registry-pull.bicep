// Lets the API's managed identity pull its image from an existing container registry in this resource group.
// It is granted before the container app is created, which pulls the image with that identity on its first start.

@description('Name of the existing Azure Container Registry.')
param registryName string

@description('Resource id of the API\'s managed identity; names the role assignment.')
param apiIdentityId string

@description('Principal id of the API\'s managed identity.')
param apiPrincipalId string

// Built-in role: AcrPull (pull images; no push, no delete).
var acrPull = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource apiAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, apiIdentityId, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: acrPull
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output loginServer string = registry.properties.loginServer
