targetScope = 'subscription'

metadata description = 'The resource group that holds Dualstack\'s Event Grid system topic in a managed subscription other than the one Dualstack is deployed to.'

@description('Resource group name (the same name as Dualstack\'s own group).')
param name string

@description('Region of the resource group.')
param location string

@description('Tags of the resource group.')
param tags object = {}

resource group 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: name
  location: location
  tags: tags
}

@description('Name of the resource group.')
output name string = group.name
