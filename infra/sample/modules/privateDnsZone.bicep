metadata description = 'One Private DNS zone from referenceEstate.json: its virtual network links (auto-registration as the layout sets it) and the A record sets people wrote. The auto-registered A records are left to Azure, which writes them for the VMs of a VNet linked with registration enabled.'

@description('Tags on the zone and its links.')
param tags object

@description('One zone of referenceEstate.json (layout.privateDnsZones[i]).')
param zone object

@description('VNet name -> resource group, for the VNets the links name.')
param vnetResourceGroups object

var writtenRecords = filter(zone.aRecords, record => !(record.?autoRegistered ?? false))

resource privateZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: zone.zoneName
  location: 'global'
  tags: tags
}

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [
  for link in zone.links: {
    parent: privateZone
    name: link.name
    location: 'global'
    tags: tags
    properties: {
      virtualNetwork: {
        id: resourceId(
          subscription().subscriptionId,
          vnetResourceGroups[link.vnet],
          'Microsoft.Network/virtualNetworks',
          link.vnet
        )
      }
      registrationEnabled: link.registrationEnabled
    }
  }
]

resource aRecords 'Microsoft.Network/privateDnsZones/A@2020-06-01' = [
  for record in writtenRecords: {
    parent: privateZone
    name: record.name
    properties: {
      ttl: record.ttl
      aRecords: map(record.ipv4Addresses, address => { ipv4Address: address })
    }
  }
]
