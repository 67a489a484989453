metadata description = 'The Dualstack Function App on Flex Consumption, with identity-based connections to its storage account and, optionally, the Durable Task Scheduler.'

@description('Function App name.')
param name string

@description('Region of the Function App.')
param location string = resourceGroup().location

@description('Tags for the Function App; azd-service-name is added so azd deploys the api service here.')
param tags object = {}

@description('Resource id of the Flex Consumption (FC1) plan.')
param appServicePlanId string

@description('Dualstack settings (src/config/appSettingDefinitions.ts), merged with the host settings below.')
param appSettings object

@description('Language runtime of the app.')
@allowed([
  'node'
])
param runtimeName string = 'node'

@description('Runtime version.')
param runtimeVersion string = '22'

@description('azd service name in azure.yaml.')
param serviceName string = 'api'

@description('Storage account for AzureWebJobsStorage, the deployment package and the Durable Functions Azure Storage backend.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentStorageContainerName string

@description('Flex Consumption instance memory in MB.')
param instanceMemoryMB int = 2048

@description('Flex Consumption scale-out limit.')
param maximumInstanceCount int = 40

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Durable task hub name (host.json reads it as %DURABLE_TASK_HUB%).')
param taskHubName string

@description('Durable Task Scheduler endpoint; empty keeps the Azure Storage backend that host.json declares.')
param durableTaskSchedulerEndpoint string = ''

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

// Identity-based AzureWebJobsStorage: blob for the host and deployment, queue and table for Durable Functions.
var hostAppSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: stg.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: stg.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: stg.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  DURABLE_TASK_HUB: taskHubName
}

// host.json declares the AzureStorage provider; these app settings override it (AzureFunctionsJobHost__ prefix) when the scheduler is chosen.
var durableTaskSchedulerAppSettings = empty(durableTaskSchedulerEndpoint)
  ? {}
  : {
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
    }

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    httpsOnly: true
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${stg.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    appSettingsKeyValuePairs: union(appSettings, hostAppSettings, durableTaskSchedulerAppSettings)
  }
}

@description('Function App name.')
output name string = site.outputs.name

@description('Function App resource id (Event Grid delivers to <id>/functions/<name>).')
output resourceId string = site.outputs.resourceId

// Outputs are evaluated after the site module, so reading the deployed site here is safe;
// Flex apps may get a regional default host name, so it is read rather than assumed.
resource deployedSite 'Microsoft.Web/sites@2024-04-01' existing = {
  name: name
}

@description('Default host name of the Function App.')
output defaultHostname string = deployedSite.properties.defaultHostName
