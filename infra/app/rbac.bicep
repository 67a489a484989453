metadata description = 'Data-plane and monitoring roles of the Dualstack identity on the resources in its own resource group.'

@description('Storage account used by the host, Durable Functions and the reservations table.')
param storageAccountName string

@description('Application Insights component the app sends telemetry to with Entra ID auth.')
param applicationInsightsName string

@description('Log Analytics workspace named as destination of hub diagnostic settings.')
param workspaceName string

@description('GUID of the Dualstack Diagnostics Destination custom role.')
param diagnosticsDestinationRoleGuid string

@description('Object id of the Dualstack managed identity.')
param managedIdentityPrincipalId string

var builtInRoles = loadJsonContent('../role/builtInRoles.json')

// Blob owner (not contributor): the Functions host manages blob leases and containers for AzureWebJobsStorage.
var storageRoleGuids = [
  builtInRoles.StorageBlobDataOwner
  builtInRoles.StorageQueueDataContributor
  builtInRoles.StorageTableDataContributor
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleGuid in storageRoleGuids: {
    name: guid(storageAccount.id, managedIdentityPrincipalId, roleGuid)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
      principalId: managedIdentityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appInsightsRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, managedIdentityPrincipalId, builtInRoles.MonitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.MonitoringMetricsPublisher)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnosticsDestinationAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, managedIdentityPrincipalId, diagnosticsDestinationRoleGuid)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', diagnosticsDestinationRoleGuid)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}
