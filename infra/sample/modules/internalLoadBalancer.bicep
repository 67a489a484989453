metadata description = 'A Standard internal load balancer: one static IPv4 frontend, one pool, one probe and the rules from referenceEstate.json.'

@description('Load balancer name.')
param name string

@description('Region of the load balancer.')
param location string

@description('Tags on the load balancer.')
param tags object

@description('Subnet of the frontend.')
param subnetId string

@description('Static private IPv4 address of the frontend.')
param frontendIPAddress string

@description('referenceEstate.json loadBalancers entry: frontendName, poolName, probe { name, properties }, rules [{ name, properties }].')
param spec object

var frontendId = resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', name, spec.frontendName)
var poolId = resourceId('Microsoft.Network/loadBalancers/backendAddressPools', name, spec.poolName)
var probeId = resourceId('Microsoft.Network/loadBalancers/probes', name, spec.probe.name)

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
          privateIPAddress: frontendIPAddress
          privateIPAllocationMethod: 'Static'
          privateIPAddressVersion: 'IPv4'
          subnet: {
            id: subnetId
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
