metadata description = 'Change reporting to Azure Monitor: the DualStackChanges_CL table, the data collection endpoint and rule the app sends rows through (Logs Ingestion API), the publisher role, and the workbook.'

@description('Region of the endpoint, rule and workbook (the workspace\'s region).')
param location string

@description('Tags for every resource here.')
param tags object = {}

@description('Log Analytics workspace that receives the rows.')
param workspaceName string

@description('Data collection endpoint name.')
param dataCollectionEndpointName string

@description('Data collection rule name.')
param dataCollectionRuleName string

@description('Table schema: src/monitor/dualStackChangesSchema.json as loaded by main.bicep (tableName, streamName, description, columns, columnDescriptions).')
param schema object

@minValue(30)
@maxValue(730)
@description('Retention of the table in days.')
param retentionInDays int = 90

@description('Object id of the identity that sends rows (gets Monitoring Metrics Publisher on the rule).')
param publisherPrincipalId string

@description('Display name of the workbook in the portal.')
param workbookDisplayName string = 'Dualstack transition'

var builtInRoles = loadJsonContent('../role/builtInRoles.json')

// Tables spell the type dateTime; DCR stream declarations spell it datetime. The schema file uses the DCR spelling.
var tableColumns = [
  for column in schema.columns: {
    name: column.name
    type: column.type == 'datetime' ? 'dateTime' : column.type
    description: schema.columnDescriptions[column.name]
  }
]
var streamColumns = [
  for column in schema.columns: {
    name: column.name
    type: column.type
  }
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource table 'Microsoft.OperationalInsights/workspaces/tables@2022-10-01' = {
  parent: workspace
  name: schema.tableName
  properties: {
    plan: 'Analytics'
    retentionInDays: retentionInDays
    schema: {
      name: schema.tableName
      description: schema.description
      columns: tableColumns
    }
  }
}

resource dataCollectionEndpoint 'Microsoft.Insights/dataCollectionEndpoints@2023-03-11' = {
  name: dataCollectionEndpointName
  location: location
  tags: tags
  properties: {
    networkAcls: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource dataCollectionRule 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: dataCollectionRuleName
  location: location
  tags: tags
  properties: {
    dataCollectionEndpointId: dataCollectionEndpoint.id
    streamDeclarations: {
      '${schema.streamName}': {
        columns: streamColumns
      }
    }
    destinations: {
      logAnalytics: [
        {
          name: 'dualstackWorkspace'
          workspaceResourceId: workspace.id
        }
      ]
    }
    dataFlows: [
      {
        streams: [
          schema.streamName
        ]
        destinations: [
          'dualstackWorkspace'
        ]
        transformKql: 'source'
        outputStream: schema.streamName
      }
    ]
  }
  dependsOn: [
    table
  ]
}

resource publisherOnRule 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataCollectionRule.id, publisherPrincipalId, builtInRoles.MonitoringMetricsPublisher)
  scope: dataCollectionRule
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.MonitoringMetricsPublisher)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The workbook JSON is written and query-checked in infra/workbook/ (test/infra/workbook.test.ts).
resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, 'dualstack-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: workbookDisplayName
    category: 'workbook'
    serializedData: loadTextContent('../workbook/dualstack.workbook.json')
    sourceId: toLower(workspace.id)
  }
}

@description('Logs Ingestion endpoint of the data collection endpoint (DUALSTACK_LOGS_INGESTION_ENDPOINT).')
output logsIngestionEndpoint string = dataCollectionEndpoint.properties.logsIngestion.endpoint

@description('Immutable id of the data collection rule (DUALSTACK_DCR_IMMUTABLE_ID).')
output dcrImmutableId string = dataCollectionRule.properties.immutableId

@description('Stream declared in the rule (DUALSTACK_LOGS_STREAM).')
output streamName string = schema.streamName

@description('Resource id of the workbook.')
output workbookId string = workbook.id
