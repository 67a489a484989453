metadata description = 'One sample spoke: an NSG and a route table per subnet, the VNet, an internal load balancer, a public load balancer and VM public IPs where the layout has them, and a small VM per NIC.'

@description('Region of the spoke resources.')
param location string

@description('Tags on every resource.')
param tags object

@description('One spoke of referenceEstate.json (layout.spokes[i]).')
param spoke object

@description('referenceEstate.json: NSG rules, load balancer children, NIC pools and child names.')
param estate object

@description('Admin user name on the VMs.')
param adminUsername string

@description('SSH public key for the VMs.')
param adminSshPublicKey string

@description('VM size.')
param vmSize string

@description('Availability zones of the public IPs.')
param availabilityZones string[]

var nics = flatten(map(spoke.subnets, subnet => map(subnet.nics, nic => { nic: nic, subnet: subnet.name })))
var vmPublicIpNames = map(filter(nics, item => item.nic.?publicIp != null), item => item.nic.publicIp.name)

module securityGroups 'networkSecurityGroups.bicep' = {
  name: '${spoke.vnet}-nsgs'
  params: {
    location: location
    tags: tags
    names: map(spoke.subnets, subnet => subnet.networkSecurityGroup)
    rules: estate.networkSecurityGroups
  }
}

module routeTables 'routeTables.bicep' = {
  name: '${spoke.vnet}-route-tables'
  params: {
    location: location
    tags: tags
    routeTables: spoke.routeTables
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: spoke.vnet
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        spoke.addressPrefix
      ]
    }
    subnets: [
      for subnet in spoke.subnets: {
        name: subnet.name
        properties: {
          addressPrefix: subnet.addressPrefix
          networkSecurityGroup: {
            id: resourceId('Microsoft.Network/networkSecurityGroups', subnet.networkSecurityGroup)
          }
          routeTable: {
            id: resourceId(
              subscription().subscriptionId,
              subnet.routeTable.?resourceGroup ?? resourceGroup().name,
              'Microsoft.Network/routeTables',
              subnet.routeTable.name
            )
          }
        }
      }
    ]
  }
  dependsOn: [
    securityGroups
    routeTables
  ]
}

module loadBalancer 'internalLoadBalancer.bicep' = if (spoke.?loadBalancer != null) {
  name: '${spoke.vnet}-load-balancer'
  params: {
    name: spoke.loadBalancer.name
    location: location
    tags: tags
    subnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', spoke.vnet, spoke.loadBalancer.subnet)
    frontendIPAddress: spoke.loadBalancer.frontendIPAddress
    spec: estate.loadBalancers[spoke.loadBalancer.name]
  }
  dependsOn: [
    vnet
  ]
}

// The web tier published on the internet: a public load balancer on its own Standard static public IP.
module publicLoadBalancer 'publicLoadBalancer.bicep' = if (spoke.?publicLoadBalancer != null) {
  name: '${spoke.vnet}-public-load-balancer'
  params: {
    name: spoke.publicLoadBalancer.name
    publicIpName: spoke.publicLoadBalancer.publicIp.name
    location: location
    tags: tags
    availabilityZones: availabilityZones
    spec: estate.loadBalancers[spoke.publicLoadBalancer.name]
  }
}

// VMs reached directly from the internet: a Standard static public IP on the NIC's primary ip configuration.
resource vmPublicIps 'Microsoft.Network/publicIPAddresses@2024-05-01' = [
  for name in vmPublicIpNames: {
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

module machines 'virtualMachine.bicep' = [
  for item in nics: {
    name: '${spoke.vnet}-${item.nic.virtualMachine}'
    params: {
      location: location
      tags: tags
      nic: item.nic
      subnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', spoke.vnet, item.subnet)
      enableIPForwarding: false
      backendPoolIds: map(
        contains(estate.nicPools, item.nic.name) ? estate.nicPools[item.nic.name] : [],
        pool => resourceId('Microsoft.Network/loadBalancers/backendAddressPools', pool.loadBalancer, pool.pool)
      )
      publicIpId: item.nic.?publicIp != null ? resourceId('Microsoft.Network/publicIPAddresses', item.nic.publicIp.name) : ''
      ipConfigurationPrefix: estate.childNames.nicIpConfigurationPrefix
      adminUsername: adminUsername
      adminSshPublicKey: adminSshPublicKey
      vmSize: vmSize
    }
    dependsOn: [
      vnet
      loadBalancer
      publicLoadBalancer
      vmPublicIps
    ]
  }
]

@description('Resource id of the spoke VNet.')
output vnetId string = vnet.id
