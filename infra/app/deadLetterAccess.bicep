metadata description = 'Lets one system topic\'s identity write dead-lettered events into the dead-letter container, and nowhere else (storage has no shared keys).'

@description('Dualstack\'s storage account.')
param storageAccountName string

@description('Blob container for dead-lettered events.')
param containerName string

@description('Object id of the system topic\'s identity.')
param principalId string

var builtInRoles = loadJsonContent('../role/builtInRoles.json')

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storageAccount
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: containerName
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(container.id, principalId, builtInRoles.StorageBlobDataContributor)
  scope: container
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.StorageBlobDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
