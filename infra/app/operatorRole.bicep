targetScope = 'subscription'

metadata description = 'The Dualstack custom roles: the operator role (exactly the actions in infra/role/dualstack-operator.actions.json) and the diagnostics-destination role for the workspace.'

@description('azd environment name; part of the role names.')
param environmentName string

@description('Token unique to the deployment subscription, environment and region: role names must be unique in the whole tenant, and two subscriptions may use the same environment name.')
param uniqueSuffix string

@description('Subscriptions the operator role may be assigned in.')
param assignableSubscriptionIds string[]

@description('Extra actions appended to the operator role for estates that need them (docs/infra.md).')
param additionalActions string[] = []

@description('Resource group id that holds the Log Analytics workspace (the diagnostics-destination role is assignable there only).')
param workspaceResourceGroupId string

var operatorActions = loadJsonContent('../role/dualstack-operator.actions.json')
var destinationActions = loadJsonContent('../role/dualstack-diagnostics-destination.actions.json')

resource operatorRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'dualstack-operator', environmentName)
  properties: {
    roleName: '${operatorActions.roleName} (${environmentName}-${uniqueSuffix})'
    description: operatorActions.description
    type: 'customRole'
    permissions: [
      {
        actions: concat(operatorActions.actions, additionalActions)
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: map(assignableSubscriptionIds, s => '/subscriptions/${s}')
  }
}

resource diagnosticsDestinationRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'dualstack-diagnostics-destination', environmentName)
  properties: {
    roleName: '${destinationActions.roleName} (${environmentName}-${uniqueSuffix})'
    description: destinationActions.description
    type: 'customRole'
    permissions: [
      {
        actions: destinationActions.actions
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      workspaceResourceGroupId
    ]
  }
}

@description('GUID (name) of the operator role definition.')
output operatorRoleGuid string = operatorRole.name

@description('Resource id of the operator role definition.')
output operatorRoleId string = operatorRole.id

@description('GUID (name) of the diagnostics-destination role definition.')
output diagnosticsDestinationRoleGuid string = diagnosticsDestinationRole.name
