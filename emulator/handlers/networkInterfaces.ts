import { allocateAddresses } from '../store/allocateAddresses';
import { childArray, props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { fillDefaults } from './fillDefaults';
import { resourceRoutes } from './resourceRoutes';

export const networkInterfaceSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/networkInterfaces',
  collection: 'networkInterfaces',
  children: [
    { property: 'ipConfigurations', segment: 'ipConfigurations' },
    { property: 'tapConfigurations', segment: 'tapConfigurations' },
  ],
  readOnly: [
    'properties.virtualMachine',
    'properties.macAddress',
    'properties.primary',
    'properties.hostedWorkloads',
    'properties.privateEndpoint',
    'properties.dscpConfiguration',
    'properties.vnetEncryptionSupported',
    'properties.dnsSettings.appliedDnsServers',
    'properties.dnsSettings.internalDomainNameSuffix',
  ],
  operationName: 'PutNetworkInterfaceOperation',
  prepare: ({ emulator, resource, existing }) => {
    const p = props(resource);
    fillDefaults(p, {
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableIPForwarding: false,
      enableAcceleratedNetworking: false,
      vnetEncryptionSupported: false,
    });
    const configs = childArray(resource, 'ipConfigurations');
    // Azure makes the first configuration primary when none is marked.
    if (configs.length > 0 && !configs.some((c) => props(c).primary === true)) {
      configs.forEach((c, i) => (props(c).primary = i === 0));
    }
    allocateAddresses(emulator.store, resource, existing, 'ipConfigurations');
  },
};

export const networkInterfacesHandler = resourceRoutes(networkInterfaceSpec);
