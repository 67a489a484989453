targetScope = 'subscription'

metadata description = 'Dualstack: a Flex Consumption Function App that moves an IPv4 hub-and-spoke network to dual stack and keeps it there, with the narrowest role that works, subscription events wired, and change reporting to Azure Monitor.'

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

@description('Where Durable Functions keeps orchestration state.')
type durableBackendType = 'AzureStorage' | 'DurableTaskScheduler'

@description('Optional resource name overrides. Anything left out is derived from abbreviations.json and a token unique to the subscription, environment and region.')
type resourceNamesType = {
  @description('Resource group for everything Dualstack deploys.')
  resourceGroup: string?
  @description('Function App name (globally unique).')
  functionApp: string?
  @description('User-assigned managed identity name.')
  identity: string?
  @description('Flex Consumption plan name.')
  plan: string?
  @description('Storage account name (3-24 lower-case letters and digits, globally unique).')
  @maxLength(24)
  storageAccount: string?
  @description('Log Analytics workspace name.')
  logAnalytics: string?
  @description('Application Insights name.')
  applicationInsights: string?
  @description('Data collection endpoint name.')
  dataCollectionEndpoint: string?
  @description('Data collection rule name.')
  dataCollectionRule: string?
  @description('Event Grid system topic name.')
  systemTopic: string?
  @description('Durable Task Scheduler name (only with durableBackend DurableTaskScheduler).')
  durableTaskScheduler: string?
}

// ---------------------------------------------------------------------------
// azd
// ---------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment. Seeds the unique token in resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional resource name overrides.')
param resourceNames resourceNamesType = {}

// ---------------------------------------------------------------------------
// What Dualstack manages (DUALSTACK_HUB_VNET_ID, DUALSTACK_SUBSCRIPTIONS, DUALSTACK_RESOURCE_GROUPS)
// ---------------------------------------------------------------------------

@minLength(1)
@description('Resource id of the hub virtual network (/subscriptions/.../resourceGroups/.../providers/Microsoft.Network/virtualNetworks/...). Every VNet peered to it is a spoke.')
param hubVnetId string

@description('Comma-separated subscription ids Dualstack may read and change; the Dualstack Operator role is assigned in each. Empty: the subscription azd deploys to. The hub\'s subscription is always included.')
param managedSubscriptionIds string = ''

@description('Comma-separated resource groups that narrow the scope: a name means that group in every managed subscription, a resource group id just that group (its subscription becomes managed). The role is then assigned on each group instead of whole subscriptions; the hub\'s group is always included. Empty: whole subscriptions.')
param managedResourceGroupNames string = ''

@description('Extra control-plane actions appended to the Dualstack Operator role, for estates that need them (e.g. Microsoft.Network/natGateways/join/action when subnets have a NAT gateway). See docs/infra.md.')
param additionalOperatorActions string[] = []

// ---------------------------------------------------------------------------
// Planner and rollout (DUALSTACK_IPV6_POOL ... DUALSTACK_CONFIG_JSON)
// ---------------------------------------------------------------------------

@description('IPv6 prefix (/48 or shorter) spoke /56s are carved from. Empty: a ULA /48 derived from the hub id.')
param ipv6Pool string = ''

@description('IPv6 next hop for spoke route tables: auto (the hub NVA IPv6 frontend the planner finds), an IPv6 address, or a load balancer frontend IP configuration id.')
param ipv6NextHop string = 'auto'

@minLength(1)
@description('Tag name that excludes a resource or a whole VNet from migration and remediation.')
param exclusionTag string = 'dualstack:skip'

@description('When true, a migration waits for POST /api/migrations/{id}/approve before its first write.')
param approvalRequired bool = true

@minValue(1)
@maxValue(10080)
@description('Minutes a migration waits for approval before it is cancelled with nothing written.')
param approvalTimeoutMinutes int = 1440

@minValue(1)
@maxValue(50)
@description('Most spokes migrated at once after the canaries.')
param maxParallelSpokes int = 4

@minValue(2)
@maxValue(1000)
@description('ARM writes a migration keeps in flight at once (one kept for the hub lane).')
param maxParallelWrites int = 20

@minLength(1)
@description('Spokes migrated alone before the rest: a count, or comma-separated spoke VNet resource ids.')
param canarySpokes string = '1'

@minValue(1)
@maxValue(5000)
@description('After this many spoke failures a migration starts no further spokes.')
param maxFailedSpokes int = 3

@minValue(0)
@maxValue(3600)
@description('Seconds remediation waits after a resource event so the creating pipeline can finish first.')
param settleSeconds int = 60

@description('When true the drift scan also fixes the drift it finds; otherwise it only reports it.')
param remediateDrift bool = false

@minLength(11)
@description('Six-field NCRONTAB schedule (UTC) of the drift scan.')
param driftSchedule string = '0 0 3 * * *'

@minLength(3)
@maxLength(63)
@description('Table that holds IPv6 prefix reservations, in the Dualstack storage account.')
param reservationsTableName string = 'DualstackReservations'

@description('Optional JSON object: a full planner configuration that overrides the planner settings above. Leave empty normally.')
param configJson string = ''

// ---------------------------------------------------------------------------
// Runtime
// ---------------------------------------------------------------------------

@description('Durable Functions backend. AzureStorage (default) keeps state in the Dualstack storage account; DurableTaskScheduler uses a managed scheduler. Trade-off in docs/infra.md.')
param durableBackend durableBackendType = 'AzureStorage'

@description('Durable Task Scheduler SKU, used only when durableBackend is DurableTaskScheduler.')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@minLength(3)
@maxLength(45)
@description('Durable task hub name (letters and digits, starting with a letter): the Azure Storage task hub, or the scheduler task hub.')
param taskHubName string = 'dualstack'

@description('Create the Event Grid subscriptions (one per managed subscription) to the remediation function. They can only be created once the function code is deployed, so azd\'s postdeploy hook turns this on and provisions again (infra/hooks/postdeploy.sh).')
param deployEventSubscription bool = false

@minLength(1)
@description('Name of the Event Grid triggered function that receives subscription events.')
param eventGridFunctionName string = 'resourceEvents'

@minValue(30)
@maxValue(730)
@description('Retention of the Log Analytics workspace and the DualStackChanges_CL table, in days.')
param logRetentionDays int = 90

@allowed([
  512
  2048
  4096
])
@description('Flex Consumption instance memory in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Flex Consumption scale-out limit. Dualstack is throttled by ARM, not by compute, so a small limit is enough.')
param maximumInstanceCount int = 40

// ---------------------------------------------------------------------------
// Names and scope
// ---------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var resourceGroupName = resourceNames.?resourceGroup ?? '${abbrs.resourcesResourceGroups}${environmentName}'
var functionAppName = resourceNames.?functionApp ?? '${abbrs.webSitesFunctions}dualstack-${resourceToken}'
var storageAccountName = resourceNames.?storageAccount ?? '${abbrs.storageStorageAccounts}${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var deadLetterContainerName = 'eventgrid-deadletter'

var hubSubscriptionId = toLower(split(hubVnetId, '/')[2])
var hubResourceGroupName = split(hubVnetId, '/')[4]
var hubResourceGroupId = '/subscriptions/${hubSubscriptionId}/resourceGroups/${hubResourceGroupName}'

// Resource groups narrowing the scope: a name means that group in every managed subscription, an id one group.
var requestedResourceGroups = filter(map(split(managedResourceGroupNames, ','), r => trim(r)), r => !empty(r))
var resourceGroupIdEntries = filter(requestedResourceGroups, r => startsWith(toLower(r), '/subscriptions/'))
var resourceGroupNameEntries = filter(requestedResourceGroups, r => !startsWith(toLower(r), '/subscriptions/'))

var requestedSubscriptionIds = filter(map(split(managedSubscriptionIds, ','), s => toLower(trim(s))), s => !empty(s))
// The hub's subscription and the subscriptions of resource group ids are always managed.
var scopeSubscriptionIds = union(
  empty(requestedSubscriptionIds) ? [toLower(subscription().subscriptionId)] : requestedSubscriptionIds,
  [hubSubscriptionId],
  map(resourceGroupIdEntries, id => toLower(split(id, '/')[2]))
)
// Managed subscriptions other than this one get a resource group of their own for their event topic.
var remoteSubscriptionIds = filter(scopeSubscriptionIds, s => s != toLower(subscription().subscriptionId))

// Empty: whole subscriptions. Otherwise the named groups in every subscription, the listed ids, and the hub's group.
var scopeResourceGroups = empty(requestedResourceGroups)
  ? []
  : union(
      flatten(map(
        scopeSubscriptionIds,
        s => map(resourceGroupNameEntries, r => { subscriptionId: s, resourceGroupName: r })
      )),
      map(resourceGroupIdEntries, id => { subscriptionId: toLower(split(id, '/')[2]), resourceGroupName: split(id, '/')[4] }),
      [{ subscriptionId: hubSubscriptionId, resourceGroupName: hubResourceGroupName }]
    )
var scopeResourceGroupSetting = empty(requestedResourceGroups)
  ? ''
  : join(union(resourceGroupNameEntries, resourceGroupIdEntries, [hubResourceGroupId]), ',')

var changesSchema = loadJsonContent('../src/monitor/dualStackChangesSchema.json')

// ---------------------------------------------------------------------------
// Resource group, identity, plan, storage
// ---------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

// The one identity the app uses for storage, Azure Monitor and the network it manages.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'identity'
  scope: rg
  params: {
    name: resourceNames.?identity ?? '${abbrs.managedIdentityUserAssignedIdentities}dualstack-${resourceToken}'
    location: location
    tags: tags
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appserviceplan'
  scope: rg
  params: {
    name: resourceNames.?plan ?? '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

// Shared keys off: the host, Durable Functions, the reservations table and Event Grid dead-lettering all use identities.
module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        { name: deploymentStorageContainerName }
        { name: deadLetterContainerName }
      ]
    }
    minimumTlsVersion: 'TLS1_2'
    location: location
    tags: tags
  }
}

module reservationsTable 'app/reservationsTable.bicep' = {
  name: 'reservationsTable'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    tableName: reservationsTableName
  }
}

// Each run's approved plan and VNet outcomes (src/activities/RunStore.ts), kept out of orchestration history.
module runsTable 'app/reservationsTable.bicep' = {
  name: 'runsTable'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    tableName: 'DualstackRuns'
  }
}

// ---------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'loganalytics'
  scope: rg
  params: {
    name: resourceNames.?logAnalytics ?? '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: logRetentionDays
  }
}

module applicationInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'appinsights'
  scope: rg
  params: {
    name: resourceNames.?applicationInsights ?? '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    // Entra ID only: the app authenticates with its identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
    disableLocalAuth: true
  }
}

module changeReporting 'app/changeReporting.bicep' = {
  name: 'changeReporting'
  scope: rg
  params: {
    location: location
    tags: tags
    workspaceName: logAnalytics.outputs.name
    dataCollectionEndpointName: resourceNames.?dataCollectionEndpoint ?? '${abbrs.insightsDataCollectionEndpoints}${resourceToken}'
    dataCollectionRuleName: resourceNames.?dataCollectionRule ?? '${abbrs.insightsDataCollectionRules}${resourceToken}'
    schema: changesSchema
    retentionInDays: logRetentionDays
    publisherPrincipalId: identity.outputs.principalId
    workbookDisplayName: 'Dualstack transition (${environmentName})'
  }
}

// ---------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------

module operatorRole 'app/operatorRole.bicep' = {
  name: 'operatorRole'
  params: {
    environmentName: environmentName
    uniqueSuffix: resourceToken
    assignableSubscriptionIds: scopeSubscriptionIds
    additionalActions: additionalOperatorActions
    workspaceResourceGroupId: rg.id
  }
}

module operatorAssignmentsOnSubscriptions 'app/operatorRoleAssignment.bicep' = [
  for subscriptionId in (empty(scopeResourceGroups) ? scopeSubscriptionIds : []): {
    name: 'operatorAssignment-${subscriptionId}'
    scope: subscription(subscriptionId)
    params: {
      roleDefinitionGuid: operatorRole.outputs.operatorRoleGuid
      principalId: identity.outputs.principalId
    }
  }
]

module operatorAssignmentsOnResourceGroups 'app/operatorRoleAssignmentOnResourceGroup.bicep' = [
  for target in scopeResourceGroups: {
    name: 'operatorAssignment-${uniqueString(target.subscriptionId, target.resourceGroupName)}'
    scope: resourceGroup(target.subscriptionId, target.resourceGroupName)
    params: {
      roleDefinitionGuid: operatorRole.outputs.operatorRoleGuid
      principalId: identity.outputs.principalId
    }
  }
]

module rbac 'app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: applicationInsights.outputs.name
    workspaceName: logAnalytics.outputs.name
    diagnosticsDestinationRoleGuid: operatorRole.outputs.diagnosticsDestinationRoleGuid
    managedIdentityPrincipalId: identity.outputs.principalId
  }
}

// ---------------------------------------------------------------------------
// Durable Task Scheduler (optional backend)
// ---------------------------------------------------------------------------

module durableTaskScheduler 'app/dts.bicep' = if (durableBackend == 'DurableTaskScheduler') {
  name: 'durableTaskScheduler'
  scope: rg
  params: {
    name: resourceNames.?durableTaskScheduler ?? '${abbrs.durableTaskSchedulers}${resourceToken}'
    location: location
    tags: tags
    skuName: durableTaskSchedulerSku
    taskHubName: taskHubName
    principalId: identity.outputs.principalId
  }
}

// ---------------------------------------------------------------------------
// Function App and its settings
// ---------------------------------------------------------------------------

// Every setting src/config/appSettingDefinitions.ts declares, and nothing else of ours (test/infra/appSettings.test.ts).
var dualstackAppSettings = {
  DUALSTACK_HUB_VNET_ID: hubVnetId
  DUALSTACK_SUBSCRIPTIONS: join(scopeSubscriptionIds, ',')
  DUALSTACK_RESOURCE_GROUPS: scopeResourceGroupSetting
  DUALSTACK_IPV6_POOL: ipv6Pool
  DUALSTACK_IPV6_NEXT_HOP: ipv6NextHop
  DUALSTACK_EXCLUSION_TAG: exclusionTag
  DUALSTACK_APPROVAL_REQUIRED: approvalRequired ? 'true' : 'false'
  DUALSTACK_APPROVAL_TIMEOUT_MINUTES: string(approvalTimeoutMinutes)
  DUALSTACK_MAX_PARALLEL_SPOKES: string(maxParallelSpokes)
  DUALSTACK_MAX_PARALLEL_WRITES: string(maxParallelWrites)
  DUALSTACK_CANARY_SPOKES: canarySpokes
  DUALSTACK_MAX_FAILED_SPOKES: string(maxFailedSpokes)
  DUALSTACK_SETTLE_SECONDS: string(settleSeconds)
  DUALSTACK_REMEDIATE_DRIFT: remediateDrift ? 'true' : 'false'
  DUALSTACK_DRIFT_SCHEDULE: driftSchedule
  DUALSTACK_PRINCIPAL_ID: identity.outputs.principalId
  DUALSTACK_TENANT_ID: tenant().tenantId
  AZURE_CLIENT_ID: identity.outputs.clientId
  DUALSTACK_RESERVATIONS_TABLE_ENDPOINT: 'https://${storage.outputs.name}.table.${environment().suffixes.storage}'
  DUALSTACK_RESERVATIONS_TABLE_NAME: reservationsTableName
  DUALSTACK_LOGS_INGESTION_ENDPOINT: changeReporting.outputs.logsIngestionEndpoint
  DUALSTACK_DCR_IMMUTABLE_ID: changeReporting.outputs.dcrImmutableId
  DUALSTACK_LOGS_STREAM: changeReporting.outputs.streamName
  DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID: logAnalytics.outputs.resourceId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.outputs.connectionString
  DUALSTACK_CONFIG_JSON: configJson
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    runtimeName: 'node'
    runtimeVersion: '22'
    storageAccountName: storage.outputs.name
    deploymentStorageContainerName: deploymentStorageContainerName
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: dualstackAppSettings
    taskHubName: taskHubName
    durableTaskSchedulerEndpoint: durableBackend == 'DurableTaskScheduler' ? durableTaskScheduler.outputs.endpoint : ''
  }
  // The host must be able to reach storage and Azure Monitor with its identity as soon as it starts.
  dependsOn: [
    rbac
  ]
}

// ---------------------------------------------------------------------------
// Subscription events -> remediation
// ---------------------------------------------------------------------------

// One system topic per managed subscription (each in a resource group named like Dualstack's own), so new spokes,
// NICs and load balancers are seen wherever Dualstack may act. All deliver to the one function and dead-letter to
// the one container.
module eventResourceGroups 'app/eventsResourceGroup.bicep' = [
  for subscriptionId in remoteSubscriptionIds: {
    name: 'eventsResourceGroup-${subscriptionId}'
    scope: subscription(subscriptionId)
    params: {
      name: resourceGroupName
      location: location
      tags: tags
    }
  }
]

module eventTopics 'app/eventTopic.bicep' = [
  for subscriptionId in scopeSubscriptionIds: {
    name: 'eventTopic-${subscriptionId}'
    scope: resourceGroup(subscriptionId, resourceGroupName)
    params: {
      name: resourceNames.?systemTopic ?? '${abbrs.eventGridSystemTopics}${resourceToken}'
      tags: tags
    }
    dependsOn: [
      rg
      eventResourceGroups
    ]
  }
]

module deadLetterAccess 'app/deadLetterAccess.bicep' = [
  for (subscriptionId, i) in scopeSubscriptionIds: {
    name: 'deadLetterAccess-${subscriptionId}'
    scope: rg
    params: {
      storageAccountName: storage.outputs.name
      containerName: deadLetterContainerName
      principalId: eventTopics[i].outputs.principalId
    }
  }
]

module eventSubscriptions 'app/eventSubscription.bicep' = [
  for (subscriptionId, i) in scopeSubscriptionIds: if (deployEventSubscription) {
    name: 'eventSubscription-${subscriptionId}'
    scope: resourceGroup(subscriptionId, resourceGroupName)
    params: {
      systemTopicName: eventTopics[i].outputs.name
      name: '${abbrs.eventGridEventSubscriptions}dualstack-remediation'
      functionResourceId: '${api.outputs.resourceId}/functions/${eventGridFunctionName}'
      eventFilter: loadJsonContent('../src/config/remediationEvents.json')
      deadLetterStorageAccountId: storage.outputs.resourceId
      deadLetterContainerName: deadLetterContainerName
    }
    dependsOn: [
      deadLetterAccess
    ]
  }
]

// ---------------------------------------------------------------------------
// Outputs (azd writes them to .azure/<env>/.env)
// ---------------------------------------------------------------------------

@description('Region everything was deployed to.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding Dualstack.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Function App name; azd deploys the api service to it.')
output AZURE_FUNCTION_NAME string = api.outputs.name

@description('Function App name, under the name azd uses for the api service.')
output SERVICE_API_NAME string = api.outputs.name

@description('Base URL of the Dualstack HTTP API (POST /api/plans, /api/migrations).')
output DUALSTACK_API_URL string = 'https://${api.outputs.defaultHostname}/api'

@description('Object id of the managed identity; grant it nothing beyond what this template assigns.')
output DUALSTACK_PRINCIPAL_ID string = identity.outputs.principalId

@description('Resource id of the Dualstack Operator custom role definition.')
output DUALSTACK_OPERATOR_ROLE_ID string = operatorRole.outputs.operatorRoleId

@description('Scopes the Dualstack Operator role is assigned at.')
output DUALSTACK_ROLE_SCOPES string[] = empty(scopeResourceGroups)
  ? map(scopeSubscriptionIds, s => '/subscriptions/${s}')
  : map(scopeResourceGroups, t => '/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroupName}')

@description('Whether the Event Grid subscriptions to the remediation function exist after this deployment.')
output DUALSTACK_EVENTS_ENABLED bool = deployEventSubscription

@description('Log Analytics workspace resource id that DualStackChanges_CL and hub diagnostics go to.')
output DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID string = logAnalytics.outputs.resourceId

@description('Application Insights connection string.')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = applicationInsights.outputs.connectionString
