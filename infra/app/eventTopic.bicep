metadata description = 'An Event Grid system topic on the subscription this resource group belongs to (Microsoft.Resources.Subscriptions), with a system-assigned identity for dead-lettering.'

@description('System topic name. A subscription can have only one system topic; see docs/infra.md if yours already has one.')
param name string

@description('Tags of the system topic.')
param tags object = {}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
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

@description('Name of the system topic.')
output name string = systemTopic.name

@description('Resource id of the system topic.')
output resourceId string = systemTopic.id

@description('Object id of the topic\'s system-assigned identity (it writes dead letters).')
output principalId string = systemTopic.identity.principalId
