import { REFERENCE_LOCATION, REFERENCE_SUBSCRIPTION_ID } from '../../estates/referenceLayout';
import { referenceTopology } from '../../estates/referenceTopology';
import type { ArmResource } from '../../src/arm/ArmResource';
import { deploymentStatusResources } from '../../src/planner/steps/avnmEstate';

const SUB = REFERENCE_SUBSCRIPTION_ID;
export const AVNM_SPOKE = `/subscriptions/${SUB}/resourceGroups/rg-spoke-nonprod-1/providers/Microsoft.Network/virtualNetworks/vnet-spoke-nonprod-1`;
export const AVNM_NM = `/subscriptions/${SUB}/resourceGroups/rg-avnm/providers/Microsoft.Network/networkManagers/avnm`;
export const AVNM_ROUTING = `${AVNM_NM}/routingConfigurations/udr`;
export const AVNM_ADMIN = `${AVNM_NM}/securityAdminConfigurations/sec`;
const GROUP = `${AVNM_NM}/networkGroups/spokes`;
const COMMITTED = '2026-01-01T00:00:00.000Z';

function child(path: string, type: string, properties: Record<string, unknown>, extra = {}): ArmResource {
  return {
    id: `${AVNM_NM}/${path}`,
    name: path.split('/').at(-1) ?? '',
    type: `Microsoft.Network/networkManagers/${type}`,
    properties,
    systemData: { createdAt: '2025-12-01T00:00:00.000Z', lastModifiedAt: '2025-12-01T00:00:00.000Z' },
    ...extra,
  } as ArmResource;
}

/**
 * A test estate: the reference estate with an AVNM instance whose routing configuration (default route through the
 * hub NVA, ManagedOnly) and security admin configuration (HTTPS from the hub) apply to the nonprod-1 spoke, both
 * deployed in the region before Dualstack runs. Loading it deploys them: the spoke subnets get AVNM's route tables.
 */
export function avnmRulesEstate(): ArmResource[] {
  return [
    ...referenceTopology(),
    {
      id: AVNM_NM,
      name: 'avnm',
      type: 'Microsoft.Network/networkManagers',
      location: REFERENCE_LOCATION,
      properties: {
        networkManagerScopes: { subscriptions: [`/subscriptions/${SUB}`], managementGroups: [] },
        networkManagerScopeAccesses: ['Routing', 'SecurityAdmin'],
      },
    },
    child('networkGroups/spokes', 'networkGroups', { memberType: 'VirtualNetwork' }),
    child('networkGroups/spokes/staticMembers/nonprod-1', 'networkGroups/staticMembers', {
      resourceId: AVNM_SPOKE,
    }),
    child('routingConfigurations/udr', 'routingConfigurations', { routeTableUsageMode: 'ManagedOnly' }),
    child('routingConfigurations/udr/ruleCollections/spokes', 'routingConfigurations/ruleCollections', {
      appliesTo: [{ networkGroupId: GROUP }],
      disableBgpRoutePropagation: 'False',
    }),
    child(
      'routingConfigurations/udr/ruleCollections/spokes/rules/to-hub',
      'routingConfigurations/ruleCollections/rules',
      {
        destination: { type: 'AddressPrefix', destinationAddress: '10.0.0.0/16' },
        nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: '10.0.1.4' },
      },
    ),
    child('securityAdminConfigurations/sec', 'securityAdminConfigurations', {}),
    child(
      'securityAdminConfigurations/sec/ruleCollections/base',
      'securityAdminConfigurations/ruleCollections',
      {
        appliesToGroups: [{ networkGroupId: GROUP }],
      },
    ),
    child(
      'securityAdminConfigurations/sec/ruleCollections/base/rules/https-from-hub',
      'securityAdminConfigurations/ruleCollections/rules',
      {
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        priority: 100,
        sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: '10.0.0.0/16' }],
        destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '10.3.0.0/24' }],
        sourcePortRanges: ['0-65535'],
        destinationPortRanges: ['443'],
      },
      { kind: 'Custom' },
    ),
    ...deploymentStatusResources(AVNM_NM, [
      {
        region: REFERENCE_LOCATION,
        deploymentType: 'Routing',
        deploymentStatus: 'Deployed',
        commitTime: COMMITTED,
        configurationIds: [AVNM_ROUTING],
      },
      {
        region: REFERENCE_LOCATION,
        deploymentType: 'SecurityAdmin',
        deploymentStatus: 'Deployed',
        commitTime: COMMITTED,
        configurationIds: [AVNM_ADMIN],
      },
    ]),
  ];
}
