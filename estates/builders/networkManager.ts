import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { networkResourceId } from './armEnvelope';

export interface NetworkManagerSpec {
  resourceGroup: string;
  name: string;
  networkGroup: string;
  /** the group's static members (VNet ids) */
  memberIds: string[];
  connectivityConfiguration: string;
  hubId: string;
  groupConnectivity: 'None' | 'DirectlyConnected';
  /** the hub shares its gateways with the group (useHubGateway) */
  useHubGateway: boolean;
}

/** The name AVNM's peerings carry in an export: `ANM_` then a hash and the remote VNet's name. */
export function anmPeeringNames(spokeVnet: string, hubVnet: string): { fromHub: string; toHub: string } {
  return { fromHub: `ANM_3F1C0A7E5B2D4C19_${spokeVnet}`, toHub: `ANM_8E4B2A6D1C7F3E05_${hubVnet}` };
}

/**
 * An Azure Virtual Network Manager scoped to the estate's subscription, with one network group of static
 * members and a committed hub-and-spoke connectivity configuration: the manager, its children as ARM lists
 * them, and its deployment status (what listDeploymentStatus answers, as discovery hands it to the planner).
 */
export function networkManagerResources(ctx: BuildContext, spec: NetworkManagerSpec): ArmResource[] {
  const nm = networkResourceId(ctx, spec.resourceGroup, 'networkManagers', spec.name);
  const group = `${nm}/networkGroups/${spec.networkGroup}`;
  const config = `${nm}/connectivityConfigurations/${spec.connectivityConfiguration}`;
  const type = (t: string): string => `Microsoft.Network/networkManagers${t}`;
  return [
    {
      id: nm,
      name: spec.name,
      type: type(''),
      location: ctx.location,
      properties: {
        networkManagerScopes: {
          subscriptions: [`/subscriptions/${ctx.subscriptionId}`],
          managementGroups: [],
        },
        networkManagerScopeAccesses: ['Connectivity'],
        provisioningState: 'Succeeded',
      },
    },
    {
      id: group,
      name: spec.networkGroup,
      type: type('/networkGroups'),
      properties: { memberType: 'VirtualNetwork', provisioningState: 'Succeeded' },
    },
    ...spec.memberIds.map((vnetId) => {
      const name = `sm-${vnetId.split('/').at(-1) ?? ''}`;
      return {
        id: `${group}/staticMembers/${name}`,
        name,
        type: type('/networkGroups/staticMembers'),
        properties: { resourceId: vnetId, region: ctx.location, provisioningState: 'Succeeded' },
      };
    }),
    {
      id: config,
      name: spec.connectivityConfiguration,
      type: type('/connectivityConfigurations'),
      properties: {
        connectivityTopology: 'HubAndSpoke',
        hubs: [{ resourceId: spec.hubId, resourceType: 'Microsoft.Network/virtualNetworks' }],
        appliesToGroups: [
          {
            networkGroupId: group,
            groupConnectivity: spec.groupConnectivity,
            useHubGateway: spec.useHubGateway ? 'True' : 'False',
            isGlobal: 'False',
          },
        ],
        isGlobal: 'False',
        deleteExistingPeering: 'False',
        connectivityCapabilities: {
          connectedGroupPrivateEndpointsScale: 'Standard',
          connectedGroupAddressOverlap: 'Allowed',
          peeringEnforcement: 'Unenforced',
        },
        provisioningState: 'Succeeded',
      },
    },
    {
      id: `${nm}/deploymentStatus/Connectivity-${ctx.location}`,
      name: `Connectivity-${ctx.location}`,
      type: type('/deploymentStatus'),
      properties: {
        region: ctx.location,
        deploymentType: 'Connectivity',
        deploymentStatus: 'Deployed',
        configurationIds: [config],
        commitTime: '2026-01-05T09:00:00.000Z',
      },
    },
  ];
}
