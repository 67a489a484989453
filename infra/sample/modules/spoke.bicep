metadata description = 'One sample spoke: an NSG and a route table per subnet, the VNet, an internal load balancer, and a small VM per NIC.'

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

var nics = flatten(map(spoke.subnets, subnet => map(subnet.nics, nic => { nic: nic, subnet: subnet.name })))

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

module machines 'virtualMachine.bicep' = [
  for item in nics: {
    name: '${spoke.vnet}-${item.nic.virtualMachine}'
    params: {
      location: location
      tags: tags
      nic: item.nic
      subnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', spoke.vnet, item.subnet)
      enableIPForwarding: false
      backendPoolId: contains(estate.nicPools, item.nic.name)
        ? resourceId(
            'Microsoft.Network/loadBalancers/backendAddressPools',
            estate.nicPools[item.nic.name].loadBalancer,
            estate.nicPools[item.nic.name].pool
          )
        : ''
      ipConfigurationPrefix: estate.childNames.nicIpConfigurationPrefix
      adminUsername: adminUsername
      adminSshPublicKey: adminSshPublicKey
      vmSize: vmSize
    }
    dependsOn: [
      vnet
      loadBalancer
    ]
  }
]

@description('Resource id of the spoke VNet.')
output vnetId string = vnet.id
