metadata description = 'A Standard public load balancer on its own Standard static IPv4 public IP: one frontend, one pool, one probe and the rules from referenceEstate.json.'

@description('Load balancer name.')
param name string

@description('Name of the Standard static IPv4 public IP of the frontend.')
param publicIpName string

@description('Region of the load balancer and its public IP.')
param location string

@description('Tags on the load balancer and its public IP.')
param tags object

@description('Availability zones of the public IP.')
param availabilityZones string[]

@description('referenceEstate.json loadBalancers entry: frontendName, poolName, probe { name, properties }, rules [{ name, properties }].')
param spec object

var frontendId = resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', name, spec.frontendName)
var poolId = resourceId('Microsoft.Network/loadBalancers/backendAddressPools', name, spec.poolName)
var probeId = resourceId('Microsoft.Network/loadBalancers/probes', name, spec.probe.name)

resource publicIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: publicIpName
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

resource loadBalancer 'Microsoft.Network/loadBalancers@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Regional'
  }
  properties: {
    frontendIPConfigurations: [
      {
        name: spec.frontendName
        properties: {
          publicIPAddress: {
            id: publicIp.id
          }
        }
      }
    ]
    backendAddressPools: [
      {
        name: spec.poolName
      }
    ]
    probes: [
      {
        name: spec.probe.name
        properties: spec.probe.properties
      }
    ]
    loadBalancingRules: [
      for rule in spec.rules: {
        name: rule.name
        properties: union(rule.properties, {
          frontendIPConfiguration: { id: frontendId }
          backendAddressPool: { id: poolId }
          probe: { id: probeId }
        })
      }
    ]
  }
}

@description('Resource id of the backend pool.')
output backendPoolId string = poolId
