metadata description = 'One direction of a hub-spoke VNet peering.'

@description('VNet the peering belongs to.')
param vnetName string

@description('Peering name from the layout.')
param name string

@description('Resource id of the remote VNet.')
param remoteVnetId string

@description('Let the remote VNet use this VNet\'s gateways (hub side, when gateways exist).')
param allowGatewayTransit bool

@description('Use the remote VNet\'s gateways (spoke side, when the hub has gateways).')
param useRemoteGateways bool

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: vnetName
}

resource peering 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnet
  name: name
  properties: {
    remoteVirtualNetwork: {
      id: remoteVnetId
    }
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: allowGatewayTransit
    useRemoteGateways: useRemoteGateways
  }
}
