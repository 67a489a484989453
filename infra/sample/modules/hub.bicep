metadata description = 'The sample hub: NSGs, route tables, the VNet and its four subnets, firewall, bastion, gateways, ExpressRoute circuit and the NVA load balancer with its VMs.'

@description('Region of the hub resources.')
param location string

@description('Tags on every resource.')
param tags object

@description('The hub of referenceEstate.json (layout.hub).')
param hub object

@description('referenceEstate.json: NSG rules, load balancer children, NIC pools and child names.')
param estate object

@description('Admin user name on the NVA VMs.')
param adminUsername string

@description('SSH public key for the NVA VMs.')
param adminSshPublicKey string

@description('NVA VM size.')
param vmSize string

@description('Availability zones of the public IPs.')
param availabilityZones string[]

@description('Deploy the Azure Firewall.')
param deployFirewall bool

@description('Deploy Azure Bastion.')
param deployBastion bool

@description('Deploy the ExpressRoute and VPN gateways.')
param deployGateways bool

@description('Deploy the ExpressRoute circuit (without its peering).')
param deployExpressRouteCircuit bool

var subnets = [
  hub.subnets.bastion
  hub.subnets.firewall
  hub.subnets.gateway
  hub.subnets.nva
]
var subnetId = {
  bastion: resourceId('Microsoft.Network/virtualNetworks/subnets', hub.vnet, hub.subnets.bastion.name)
  firewall: resourceId('Microsoft.Network/virtualNetworks/subnets', hub.vnet, hub.subnets.firewall.name)
  gateway: resourceId('Microsoft.Network/virtualNetworks/subnets', hub.vnet, hub.subnets.gateway.name)
  nva: resourceId('Microsoft.Network/virtualNetworks/subnets', hub.vnet, hub.subnets.nva.name)
}
var publicIpNames = concat(
  deployFirewall ? [hub.firewall.publicIp.name] : [],
  deployBastion ? [hub.bastion.publicIp.name] : [],
  deployGateways ? [hub.expressRouteGateway.publicIp.name, hub.vpnGateway.publicIp.name] : []
)

module securityGroups 'networkSecurityGroups.bicep' = {
  name: 'hub-nsgs'
  params: {
    location: location
    tags: tags
    names: filter(map(subnets, s => s.?networkSecurityGroup ?? ''), n => !empty(n))
    rules: estate.networkSecurityGroups
  }
}

module routeTables 'routeTables.bicep' = {
  name: 'hub-route-tables'
  params: {
    location: location
    tags: tags
    routeTables: hub.routeTables
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: hub.vnet
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        hub.addressPrefix
      ]
    }
    subnets: [
      for subnet in subnets: {
        name: subnet.name
        properties: {
          addressPrefix: subnet.addressPrefix
          networkSecurityGroup: empty(subnet.?networkSecurityGroup ?? '')
            ? null
            : { id: resourceId('Microsoft.Network/networkSecurityGroups', subnet.networkSecurityGroup) }
          routeTable: empty(subnet.?routeTable ?? '')
            ? null
            : { id: resourceId('Microsoft.Network/routeTables', subnet.routeTable) }
        }
      }
    ]
  }
  dependsOn: [
    securityGroups
    routeTables
  ]
}

resource publicIps 'Microsoft.Network/publicIPAddresses@2024-05-01' = [
  for name in publicIpNames: {
    name: name
    location: location
    tags: tags
    sku: {
      name: 'Standard'
      tier: 'Regional'
    }
    zones: availabilityZones
    properties: {
      publicIPAllocationMethod: 'Static'
      publicIPAddressVersion: 'IPv4'
    }
  }
]

// Azure gives the firewall the first usable address of its subnet, which is the layout's privateIPAddress.
resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = if (deployFirewall) {
  name: hub.firewall.name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Standard'
    }
    threatIntelMode: 'Alert'
    ipConfigurations: [
      {
        name: estate.childNames.firewallIpConfiguration
        properties: {
          subnet: {
            id: subnetId.firewall
          }
          publicIPAddress: {
            id: resourceId('Microsoft.Network/publicIPAddresses', hub.firewall.publicIp.name)
          }
        }
      }
    ]
  }
  dependsOn: [
    vnet
    publicIps
  ]
}

resource bastion 'Microsoft.Network/bastionHosts@2024-05-01' = if (deployBastion) {
  name: hub.bastion.name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    ipConfigurations: [
      {
        name: estate.childNames.bastionIpConfiguration
        properties: {
          subnet: {
            id: subnetId.bastion
          }
          publicIPAddress: {
            id: resourceId('Microsoft.Network/publicIPAddresses', hub.bastion.publicIp.name)
          }
        }
      }
    ]
  }
  dependsOn: [
    vnet
    publicIps
  ]
}

resource expressRouteGateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = if (deployGateways) {
  name: hub.expressRouteGateway.name
  location: location
  tags: tags
  properties: {
    gatewayType: 'ExpressRoute'
    sku: {
      name: hub.expressRouteGateway.sku
      tier: hub.expressRouteGateway.sku
    }
    ipConfigurations: [
      {
        name: estate.childNames.gatewayIpConfiguration
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: {
            id: subnetId.gateway
          }
          publicIPAddress: {
            id: resourceId('Microsoft.Network/publicIPAddresses', hub.expressRouteGateway.publicIp.name)
          }
        }
      }
    ]
  }
  dependsOn: [
    vnet
    publicIps
  ]
}

// One gateway operation at a time in GatewaySubnet: the VPN gateway waits for the ExpressRoute one.
resource vpnGateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = if (deployGateways) {
  name: hub.vpnGateway.name
  location: location
  tags: tags
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    vpnGatewayGeneration: 'Generation2'
    sku: {
      name: hub.vpnGateway.sku
      tier: hub.vpnGateway.sku
    }
    activeActive: false
    enableBgp: true
    bgpSettings: {
      asn: hub.vpnGateway.asn
    }
    ipConfigurations: [
      {
        name: estate.childNames.gatewayIpConfiguration
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: {
            id: subnetId.gateway
          }
          publicIPAddress: {
            id: resourceId('Microsoft.Network/publicIPAddresses', hub.vpnGateway.publicIp.name)
          }
        }
      }
    ]
  }
  dependsOn: [
    expressRouteGateway
  ]
}

resource expressRouteCircuit 'Microsoft.Network/expressRouteCircuits@2024-05-01' = if (deployExpressRouteCircuit) {
  name: hub.expressRouteCircuit.name
  location: location
  tags: tags
  sku: {
    name: 'Standard_MeteredData'
    tier: 'Standard'
    family: 'MeteredData'
  }
  properties: {
    allowClassicOperations: false
    serviceProviderProperties: {
      serviceProviderName: hub.expressRouteCircuit.serviceProvider
      peeringLocation: hub.expressRouteCircuit.peeringLocation
      bandwidthInMbps: hub.expressRouteCircuit.bandwidthInMbps
    }
  }
}

module nvaLoadBalancer 'internalLoadBalancer.bicep' = {
  name: 'hub-${hub.nva.loadBalancer.name}'
  params: {
    name: hub.nva.loadBalancer.name
    location: location
    tags: tags
    subnetId: subnetId.nva
    frontendIPAddress: hub.nva.loadBalancer.frontendIPAddress
    spec: estate.loadBalancers[hub.nva.loadBalancer.name]
  }
  dependsOn: [
    vnet
  ]
}

module nvaMachines 'virtualMachine.bicep' = [
  for nic in hub.nva.nics: {
    name: 'hub-${nic.virtualMachine}'
    params: {
      location: location
      tags: tags
      nic: nic
      subnetId: subnetId.nva
      enableIPForwarding: true
      backendPoolIds: map(
        contains(estate.nicPools, nic.name) ? estate.nicPools[nic.name] : [],
        pool => resourceId('Microsoft.Network/loadBalancers/backendAddressPools', pool.loadBalancer, pool.pool)
      )
      publicIpId: ''
      ipConfigurationPrefix: estate.childNames.nicIpConfigurationPrefix
      adminUsername: adminUsername
      adminSshPublicKey: adminSshPublicKey
      vmSize: vmSize
    }
    dependsOn: [
      nvaLoadBalancer
    ]
  }
]

@description('Resource id of the hub VNet.')
output vnetId string = vnet.id
