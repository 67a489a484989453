metadata description = 'Optional Durable Functions backend: a Durable Task Scheduler with one task hub, reached with the Dualstack identity.'

@description('Scheduler name.')
param name string

@description('Region of the scheduler.')
param location string

@description('Tags for the scheduler.')
param tags object = {}

@description('Scheduler SKU.')
@allowed([
  'Consumption'
  'Dedicated'
])
param skuName string = 'Consumption'

@description('Task hub name; the app reads it as DURABLE_TASK_HUB.')
param taskHubName string

@description('Object id of the Dualstack managed identity (gets Durable Task Data Contributor on the scheduler).')
param principalId string

var builtInRoles = loadJsonContent('../role/builtInRoles.json')

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    // An empty allow list denies everything; access is still gated by Entra ID and the role below.
    ipAllowlist: [
      '0.0.0.0/0'
    ]
    sku: {
      name: skuName
    }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource dataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, principalId, builtInRoles.DurableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.DurableTaskDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Scheduler endpoint for DURABLE_TASK_SCHEDULER_CONNECTION_STRING.')
output endpoint string = scheduler.properties.endpoint

@description('Task hub name.')
output taskHubName string = taskHub.name
