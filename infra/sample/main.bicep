targetScope = 'subscription'

metadata description = 'A throwaway IPv4 hub-and-spoke estate to try Dualstack on: the emulator\'s reference topology (hub with firewall, bastion, gateways, ExpressRoute circuit and an NVA load balancer; four spokes with small VMs, a public load balancer for one web tier and a public IP on one web VM; a Private DNS zone linked to two spokes; an Azure Virtual Network Manager whose committed hub-and-spoke configuration connects one spoke), built from referenceEstate.json.'

@description('Region of every resource. The reference topology uses westeurope; any region with availability zones works.')
param location string = 'westeurope'

@description('Admin user name on the VMs.')
param adminUsername string = 'azureuser'

@description('SSH public key for the VMs (password login is disabled), e.g. the contents of ~/.ssh/id_ed25519.pub.')
param adminSshPublicKey string

@description('Size of every VM (spoke workloads and NVAs). The smallest burstable size keeps the estate cheap.')
param vmSize string = 'Standard_B1s'

@description('Availability zones of the public IPs. Empty for regions without zones.')
param availabilityZones string[] = [
  '1'
  '2'
  '3'
]

@description('Deploy the Azure Firewall (Standard, billed hourly). Spoke default routes point at its private IP either way.')
param deployFirewall bool = true

@description('Deploy Azure Bastion (Basic, billed hourly).')
param deployBastion bool = true

@description('Deploy the ExpressRoute and VPN gateways (30 to 45 minutes each, billed hourly). Off: GatewaySubnet stays empty and spokes do not use remote gateways.')
param deployGateways bool = false

@description('Deploy the ExpressRoute circuit (billed from creation). Its private peering can only be added once a provider has provisioned it; see infra/sample/README.md.')
param deployExpressRouteCircuit bool = false

@description('Tags on every resource.')
param tags object = {
  purpose: 'dualstack-sample'
}

var estate = loadJsonContent('referenceEstate.json')
var layout = estate.layout
var privateDnsZones = layout.?privateDnsZones ?? []
var networkManagers = layout.?networkManagers ?? []
// Spokes an AVNM hub-and-spoke configuration connects: AVNM creates their hub peerings, so none are declared here.
var avnmSpokes = flatten(map(networkManagers, nm => nm.spokes))
// Where each VNet a Private DNS link names lives.
var vnetResourceGroups = toObject(concat(layout.spokes, [layout.hub]), net => net.vnet, net => net.resourceGroup)

resource hubResourceGroup 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: layout.hub.resourceGroup
  location: location
  tags: tags
}

resource spokeResourceGroups 'Microsoft.Resources/resourceGroups@2021-04-01' = [
  for spoke in layout.spokes: {
    name: spoke.resourceGroup
    location: location
    tags: union(tags, { environment: spoke.environment })
  }
]

module hub 'modules/hub.bicep' = {
  name: 'sample-hub'
  scope: hubResourceGroup
  params: {
    location: location
    tags: tags
    hub: layout.hub
    estate: estate
    adminUsername: adminUsername
    adminSshPublicKey: adminSshPublicKey
    vmSize: vmSize
    availabilityZones: availabilityZones
    deployFirewall: deployFirewall
    deployBastion: deployBastion
    deployGateways: deployGateways
    deployExpressRouteCircuit: deployExpressRouteCircuit
  }
}

module spokes 'modules/spoke.bicep' = [
  for (spoke, i) in layout.spokes: {
    name: 'sample-${spoke.vnet}'
    scope: spokeResourceGroups[i]
    params: {
      location: location
      tags: union(tags, { environment: spoke.environment })
      spoke: spoke
      estate: estate
      adminUsername: adminUsername
      adminSshPublicKey: adminSshPublicKey
      vmSize: vmSize
      availabilityZones: availabilityZones
    }
  }
]

resource dnsResourceGroups 'Microsoft.Resources/resourceGroups@2021-04-01' = [
  for zone in privateDnsZones: {
    name: zone.resourceGroup
    location: location
    tags: tags
  }
]

// After the spokes: the links need their VNets.
module dnsZones 'modules/privateDnsZone.bicep' = [
  for (zone, i) in privateDnsZones: {
    name: 'sample-dns-${zone.zoneName}'
    scope: dnsResourceGroups[i]
    params: {
      tags: tags
      zone: zone
      vnetResourceGroups: vnetResourceGroups
    }
    dependsOn: [
      spokes
      hub
    ]
  }
]

// Hub side first: the spoke side may only use the hub's gateways once the hub side allows transit.
module hubPeerings 'modules/peering.bicep' = [
  for (spoke, i) in layout.spokes: if (!contains(avnmSpokes, spoke.vnet)) {
    name: 'sample-${spoke.peerings.fromHub}'
    scope: hubResourceGroup
    params: {
      vnetName: layout.hub.vnet
      name: spoke.peerings.fromHub
      remoteVnetId: spokes[i].outputs.vnetId
      allowGatewayTransit: deployGateways
      useRemoteGateways: false
    }
    dependsOn: [
      hub
    ]
  }
]

module spokePeerings 'modules/peering.bicep' = [
  for (spoke, i) in layout.spokes: if (!contains(avnmSpokes, spoke.vnet)) {
    name: 'sample-${spoke.peerings.toHub}'
    scope: spokeResourceGroups[i]
    params: {
      vnetName: spoke.vnet
      name: spoke.peerings.toHub
      remoteVnetId: hub.outputs.vnetId
      allowGatewayTransit: false
      useRemoteGateways: deployGateways
    }
    dependsOn: [
      hubPeerings
    ]
  }
]

resource networkManagerResourceGroups 'Microsoft.Resources/resourceGroups@2021-04-01' = [
  for nm in networkManagers: {
    name: nm.resourceGroup
    location: location
    tags: tags
  }
]

// After the hub and spokes: the group's members and the hub (with its gateways, when AVNM is to share them) must exist.
module networkManagerModules 'modules/networkManager.bicep' = [
  for (nm, i) in networkManagers: {
    name: 'sample-avnm-${nm.name}'
    scope: networkManagerResourceGroups[i]
    params: {
      location: location
      tags: tags
      networkManager: nm
      staticMemberPrefix: estate.childNames.staticMemberPrefix
      vnetResourceGroups: vnetResourceGroups
      hubVnetId: hub.outputs.vnetId
      useHubGateway: deployGateways
    }
    dependsOn: [
      spokes
    ]
  }
]

@description('Hub VNet id: set it as DUALSTACK_HUB_VNET_ID before azd up.')
output DUALSTACK_HUB_VNET_ID string = hub.outputs.vnetId

@description('Spoke VNet ids.')
output spokeVnetIds string[] = [for (spoke, i) in layout.spokes: spokes[i].outputs.vnetId]
