metadata description = 'One Azure Virtual Network Manager of referenceEstate.json: its network group with the AVNM spokes as static members, the hub-and-spoke connectivity configuration, and the commit that deploys it to the region (a template cannot call the commit API: a deployment script does it, the pattern of Microsoft\'s AVNM Bicep quickstart, here with az network manager post-commit where the quickstart runs Deploy-AzNetworkManagerCommit). AVNM then creates the hub-spoke peerings itself, so main.bicep declares none for these spokes.'

@description('Region of the network manager, the VNets it connects (the commit\'s target region) and the deployment script.')
param location string

@description('Tags on every resource.')
param tags object

@description('One network manager of referenceEstate.json (layout.networkManagers[i]): { name, networkGroup, connectivityConfiguration, spokes: VNet names, groupConnectivity }.')
param networkManager object

@description('A static member\'s name is this prefix plus the member VNet\'s name (referenceEstate.json childNames.staticMemberPrefix).')
param staticMemberPrefix string

@description('VNet name -> resource group, for the spokes the group names.')
param vnetResourceGroups object

@description('Resource id of the hub VNet.')
param hubVnetId string

@description('Let the spokes use the hub\'s gateways (only when the hub has them: AVNM refuses useHubGateway without a gateway).')
param useHubGateway bool

@description('Changes on every deployment, so the commit runs again (it is idempotent) and picks up a changed configuration.')
param commitTag string = utcNow()

resource manager 'Microsoft.Network/networkManagers@2024-05-01' = {
  name: networkManager.name
  location: location
  tags: tags
  properties: {
    networkManagerScopes: {
      subscriptions: [
        subscription().id
      ]
      managementGroups: []
    }
    networkManagerScopeAccesses: [
      'Connectivity'
    ]
  }
}

resource spokeGroup 'Microsoft.Network/networkManagers/networkGroups@2024-05-01' = {
  parent: manager
  name: networkManager.networkGroup
  properties: {
    memberType: 'VirtualNetwork'
  }
}

resource members 'Microsoft.Network/networkManagers/networkGroups/staticMembers@2024-05-01' = [
  for vnet in networkManager.spokes: {
    parent: spokeGroup
    name: '${staticMemberPrefix}${vnet}'
    properties: {
      resourceId: resourceId(
        subscription().subscriptionId,
        vnetResourceGroups[vnet],
        'Microsoft.Network/virtualNetworks',
        vnet
      )
    }
  }
]

resource connectivity 'Microsoft.Network/networkManagers/connectivityConfigurations@2024-05-01' = {
  parent: manager
  name: networkManager.connectivityConfiguration
  properties: {
    connectivityTopology: 'HubAndSpoke'
    hubs: [
      {
        resourceId: hubVnetId
        resourceType: 'Microsoft.Network/virtualNetworks'
      }
    ]
    appliesToGroups: [
      {
        networkGroupId: spokeGroup.id
        groupConnectivity: networkManager.groupConnectivity
        useHubGateway: useHubGateway ? 'True' : 'False'
        isGlobal: 'False'
      }
    ]
    isGlobal: 'False'
    // The other spokes keep their own peerings; AVNM's members have none to replace.
    deleteExistingPeering: 'False'
  }
}

// The script's identity may commit this manager's configurations and read its deployment status, nothing else
// (the quickstart grants Contributor on the resource group).
resource commitRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'dualstack-sample-avnm-commit', networkManager.name)
  properties: {
    roleName: 'Dualstack sample AVNM commit (${networkManager.name}, ${resourceGroup().id})'
    description: 'Commits the sample network manager\'s configurations and reads their deployment status.'
    type: 'customRole'
    permissions: [
      {
        actions: [
          'Microsoft.Network/networkManagers/read'
          'Microsoft.Network/networkManagers/connectivityConfigurations/read'
          'Microsoft.Network/networkManagers/commit/action'
          'Microsoft.Network/networkManagers/listDeploymentStatus/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource commitIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${networkManager.name}-commit'
  location: location
  tags: tags
}

resource commitAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: manager
  name: guid(manager.id, commitIdentity.id, commitRole.id)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', commitRole.name)
    principalId: commitIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Dualstack sample: commit the AVNM connectivity configuration.'
  }
}

// A connectivity configuration does nothing until it is committed to a region. The commit is asynchronous: the
// script waits for listDeploymentStatus to say Deployed (or Failed) and returns that status as its output,
// the deploymentStatus Dualstack reads. A new role assignment can take minutes to reach ARM, hence the retries.
resource commit 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: 'ds-${networkManager.name}-commit'
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${commitIdentity.id}': {}
    }
  }
  properties: {
    azCliVersion: '2.67.0'
    forceUpdateTag: commitTag
    retentionInterval: 'PT1H'
    timeout: 'PT30M'
    cleanupPreference: 'OnSuccess'
    environmentVariables: [
      {
        name: 'RESOURCE_GROUP'
        value: resourceGroup().name
      }
      {
        name: 'NETWORK_MANAGER'
        value: manager.name
      }
      {
        name: 'CONFIGURATION_ID'
        value: connectivity.id
      }
      {
        name: 'REGION'
        value: location
      }
    ]
    scriptContent: loadTextContent('../scripts/commitConnectivity.sh')
  }
  dependsOn: [
    members
    commitAssignment
  ]
}

@description('Resource id of the network manager.')
output networkManagerId string = manager.id

@description('The committed deployment status (listDeploymentStatus item: region, deploymentType, deploymentStatus, configurationIds, commitTime).')
output deploymentStatus object = commit.properties.outputs
