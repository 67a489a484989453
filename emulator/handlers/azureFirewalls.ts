import { allocateAddresses } from '../store/allocateAddresses';
import { props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { fillDefaults } from './fillDefaults';
import { resourceRoutes } from './resourceRoutes';

export const azureFirewallSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/azureFirewalls',
  collection: 'azureFirewalls',
  children: [
    { property: 'ipConfigurations', segment: 'ipConfigurations' },
    { property: 'applicationRuleCollections', segment: 'applicationRuleCollections' },
    { property: 'natRuleCollections', segment: 'natRuleCollections' },
    { property: 'networkRuleCollections', segment: 'networkRuleCollections' },
  ],
  readOnly: [
    'properties.ipConfigurations[].properties.privateIPAddress',
    'properties.hubIPAddresses',
    'properties.ipGroups',
  ],
  operationName: 'PutAzureFirewallOperation',
  prepare: ({ emulator, resource, existing }) => {
    fillDefaults(props(resource), { additionalProperties: {}, ipGroups: [] });
    // The firewall's private address is always assigned by the platform.
    allocateAddresses(emulator.store, resource, existing, 'ipConfigurations', true);
  },
};

export const azureFirewallsHandler = resourceRoutes(azureFirewallSpec);
