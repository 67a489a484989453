metadata description = 'NSGs by name, each with its rules from referenceEstate.json.'

@description('Region of the NSGs.')
param location string

@description('Tags on every NSG.')
param tags object

@description('Names of the NSGs to create.')
param names string[]

@description('NSG name -> security rules ({ name, properties }), from referenceEstate.json.')
param rules object

resource securityGroups 'Microsoft.Network/networkSecurityGroups@2024-05-01' = [
  for name in names: {
    name: name
    location: location
    tags: tags
    properties: {
      securityRules: rules[name]
    }
  }
]
