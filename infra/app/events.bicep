metadata description = 'Subscription events for remediation: an Event Grid system topic on the subscription and, once the function code exists, an event subscription to the Event Grid triggered function, filtered to the operations Dualstack remediates, dead-lettering to blob storage with the topic\'s own identity.'

@description('System topic name. A subscription can have only one system topic; see docs/infra.md if yours already has one.')
param systemTopicName string

@description('Tags for the system topic.')
param tags object = {}

@description('Resource id of the Dualstack Function App.')
param functionAppResourceId string

@description('Name of the Event Grid triggered function.')
param functionName string

@description('Create the event subscription. Event Grid refuses an AzureFunction endpoint whose function is not deployed yet, so the first provision leaves it out.')
param deployEventSubscription bool

@description('Event subscription name.')
param eventSubscriptionName string

@description('src/config/remediationEvents.json: eventTypes and operationNames to deliver.')
param eventFilter object

@description('Storage account that receives dead-lettered events.')
param storageAccountName string

@description('Blob container for dead-lettered events.')
param deadLetterContainerName string

var builtInRoles = loadJsonContent('../role/builtInRoles.json')

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storageAccount
  name: 'default'
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: deadLetterContainerName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: 'global'
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

// The topic writes dead letters with its own identity, limited to the one container (storage has no shared keys).
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, systemTopic.id, builtInRoles.StorageBlobDataContributor)
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.StorageBlobDataContributor)
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource eventSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscription) {
  parent: systemTopic
  name: eventSubscriptionName
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppResourceId}/functions/${functionName}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: eventFilter.eventTypes
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.operationName'
          values: eventFilter.operationNames
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccount.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
  dependsOn: [
    deadLetterWriter
  ]
}

@description('Resource id of the system topic.')
output systemTopicId string = systemTopic.id

@description('Whether the event subscription was deployed.')
output eventSubscriptionDeployed bool = deployEventSubscription
