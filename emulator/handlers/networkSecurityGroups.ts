import { inUseNetworkSecurityGroupCannotBeDeleted } from '../../src/arm/errors/commonErrors';
import { holdersOf } from '../store/backReferences';
import { props } from '../store/subResources';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { associations } from './associations';
import { resourceRoutes } from './resourceRoutes';

/** The six rules Azure puts in every NSG (priorities 65000-65500). */
function defaultSecurityRules(nsgId: string): Record<string, unknown>[] {
  const rule = (
    name: string,
    direction: 'Inbound' | 'Outbound',
    priority: number,
    access: 'Allow' | 'Deny',
    source: string,
    destination: string,
    description: string,
  ): Record<string, unknown> => ({
    name,
    id: `${nsgId}/defaultSecurityRules/${name}`,
    type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
    properties: {
      description,
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: source,
      destinationAddressPrefix: destination,
      access,
      priority,
      direction,
      provisioningState: 'Succeeded',
    },
  });
  return [
    rule(
      'AllowVnetInBound',
      'Inbound',
      65000,
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow inbound traffic from all VMs in VNET',
    ),
    rule(
      'AllowAzureLoadBalancerInBound',
      'Inbound',
      65001,
      'Allow',
      'AzureLoadBalancer',
      '*',
      'Allow inbound traffic from azure load balancer',
    ),
    rule('DenyAllInBound', 'Inbound', 65500, 'Deny', '*', '*', 'Deny all inbound traffic'),
    rule(
      'AllowVnetOutBound',
      'Outbound',
      65000,
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow outbound traffic from all VMs to all VMs in VNET',
    ),
    rule(
      'AllowInternetOutBound',
      'Outbound',
      65001,
      'Allow',
      '*',
      'Internet',
      'Allow outbound traffic from all VMs to Internet',
    ),
    rule('DenyAllOutBound', 'Outbound', 65500, 'Deny', '*', '*', 'Deny all outbound traffic'),
  ];
}

export const networkSecurityGroupSpec: ResourceTypeSpec = {
  type: 'Microsoft.Network/networkSecurityGroups',
  collection: 'networkSecurityGroups',
  children: [
    {
      property: 'securityRules',
      segment: 'securityRules',
      routable: true,
      operationName: 'PutSecurityRuleOperation',
    },
  ],
  readOnly: [
    'properties.defaultSecurityRules',
    'properties.subnets',
    'properties.networkInterfaces',
    'properties.flowLogs',
  ],
  operationName: 'PutNetworkSecurityGroupOperation',
  prepare: ({ resource }) => {
    props(resource).defaultSecurityRules ??= defaultSecurityRules(resource.id);
  },
  decorate: (emulator, resource) => associations(emulator.store, resource, 'networkSecurityGroup'),
  beforeDelete: (emulator, resource) => {
    const users = holdersOf(emulator.store, resource.id, 'networkSecurityGroup');
    if (users.length > 0) throw inUseNetworkSecurityGroupCannotBeDeleted(resource.id, users);
  },
};

export const networkSecurityGroupsHandler = resourceRoutes(networkSecurityGroupSpec);
