metadata description = 'Route tables with their routes, as the layout lists them.'

@description('Region of the route tables.')
param location string

@description('Tags on every route table.')
param tags object

@description('Route tables of the layout: { name, disableBgpRoutePropagation, routes: [{ name, addressPrefix, nextHopType, nextHopIpAddress? }] }.')
param routeTables array

resource tables 'Microsoft.Network/routeTables@2024-05-01' = [
  for table in routeTables: {
    name: table.name
    location: location
    tags: tags
    properties: {
      disableBgpRoutePropagation: table.disableBgpRoutePropagation
      routes: [
        for route in table.routes: {
          name: route.name
          properties: {
            addressPrefix: route.addressPrefix
            nextHopType: route.nextHopType
            nextHopIpAddress: route.?nextHopIpAddress
          }
        }
      ]
    }
  }
]
