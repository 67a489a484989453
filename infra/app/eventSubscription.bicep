metadata description = 'The Event Grid subscription from one system topic to the remediation function: filtered to the operations Dualstack remediates, dead-lettering to blob storage with the topic\'s own identity.'

@description('System topic in this resource group.')
param systemTopicName string

@description('Event subscription name.')
param name string

@description('Resource id of the Event Grid triggered function: <function app id>/functions/<name>.')
param functionResourceId string

@description('src/config/remediationEvents.json: eventTypes and operationNames to deliver.')
param eventFilter object

@description('Resource id of the storage account that receives dead-lettered events (may be in another subscription).')
param deadLetterStorageAccountId string

@description('Blob container for dead-lettered events.')
param deadLetterContainerName string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: systemTopicName
}

resource eventSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: systemTopic
  name: name
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: functionResourceId
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
          resourceId: deadLetterStorageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Resource id of the event subscription.')
output resourceId string = eventSubscription.id
