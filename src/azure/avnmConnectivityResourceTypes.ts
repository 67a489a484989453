import type { NetworkResourceType } from './networkResourceTypes';

const at = (n: string[], i: number): string => n[i] ?? '';

/**
 * What discovery reads of AVNM connectivity beyond the managers, groups and members
 * (avnmRuleResourceTypes.ts): each manager's connectivity configurations, listed per manager (ARM never
 * returns them inline). Read only: Dualstack changes AVNM connectivity only by deploying a configuration
 * again (POST commit). `names` are [manager, configuration].
 */
export const AVNM_CONNECTIVITY_RESOURCE_TYPES: readonly NetworkResourceType[] = [
  {
    type: 'Microsoft.Network/networkManagers/connectivityConfigurations',
    model: 'ConnectivityConfiguration',
    listByParent: (c, rg, n, o) => c.network.connectivityConfigurations.list(rg, at(n, 0), o),
    get: (c, rg, n, o) => c.network.connectivityConfigurations.get(rg, at(n, 0), at(n, 1), o),
  },
];
