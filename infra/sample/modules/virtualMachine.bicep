metadata description = 'A NIC with static IPv4 addresses from the layout and a small Ubuntu VM on it.'

@description('Region of the NIC and VM.')
param location string

@description('Tags on the NIC and VM.')
param tags object

@description('NIC layout: { name, virtualMachine, privateIPAddresses, publicIp? } (first address primary).')
param nic object

@description('Subnet of every ip configuration.')
param subnetId string

@description('Forward traffic not addressed to the NIC (NVAs).')
param enableIPForwarding bool

@description('Backend pools the primary ip configuration joins (at most one internal and one public load balancer).')
param backendPoolIds string[]

@description('Public IP of the primary ip configuration; empty for none.')
param publicIpId string

@description('ip configuration names are this prefix followed by 1, 2, ...')
param ipConfigurationPrefix string

@description('Admin user name.')
param adminUsername string

@description('SSH public key.')
param adminSshPublicKey string

@description('VM size.')
param vmSize string

resource networkInterface 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: nic.name
  location: location
  tags: tags
  properties: {
    enableIPForwarding: enableIPForwarding
    ipConfigurations: [
      for (address, i) in nic.privateIPAddresses: {
        name: '${ipConfigurationPrefix}${i + 1}'
        properties: {
          primary: i == 0
          privateIPAllocationMethod: 'Static'
          privateIPAddress: address
          privateIPAddressVersion: 'IPv4'
          subnet: {
            id: subnetId
          }
          loadBalancerBackendAddressPools: i == 0 ? map(backendPoolIds, id => { id: id }) : []
          publicIPAddress: i == 0 && !empty(publicIpId) ? { id: publicIpId } : null
        }
      }
    ]
  }
}

resource virtualMachine 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: nic.virtualMachine
  location: location
  tags: tags
  properties: {
    hardwareProfile: {
      vmSize: vmSize
    }
    storageProfile: {
      imageReference: {
        publisher: 'Canonical'
        offer: 'ubuntu-24_04-lts'
        sku: 'server'
        version: 'latest'
      }
      osDisk: {
        createOption: 'FromImage'
        deleteOption: 'Delete'
        managedDisk: {
          storageAccountType: 'Standard_LRS'
        }
      }
    }
    osProfile: {
      computerName: nic.virtualMachine
      adminUsername: adminUsername
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/${adminUsername}/.ssh/authorized_keys'
              keyData: adminSshPublicKey
            }
          ]
        }
      }
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: networkInterface.id
          properties: {
            primary: true
            deleteOption: 'Delete'
          }
        }
      ]
    }
    diagnosticsProfile: {
      bootDiagnostics: {
        enabled: true
      }
    }
  }
}

@description('Resource id of the NIC.')
output nicId string = networkInterface.id
