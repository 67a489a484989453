metadata description = 'Assigns the Dualstack Operator role to the Dualstack identity on one resource group (when the scope is narrowed to resource groups).'

@description('GUID of the Dualstack Operator role definition.')
param roleDefinitionGuid string

@description('Object id of the Dualstack managed identity.')
param principalId string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionGuid)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionGuid)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Dualstack: read the network and add IPv6 to it.'
  }
}

@description('Scope of the assignment.')
output scope string = resourceGroup().id
