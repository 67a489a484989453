import type { ArmResource } from '../../../../src/arm/ArmResource';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { ALLOW_HUB, DEFAULT_ROUTE } from '../fixtures/avnmRules';
import { codes } from '../fixtures/planHelpers';
import { HUB_ID, id, smallConfig, smallEstate } from '../fixtures/smallTopology';

const NM = id('rg-avnm', 'networkManagers', 'avnm');
const GROUP = `${NM}/networkGroups/spokes`;
const SPOKE1 = id('rg-spoke1', 'virtualNetworks', 'spoke1');

function child(path: string, type: string, properties: Record<string, unknown>): ArmResource {
  return {
    id: `${NM}/${path}`,
    name: path.split('/').at(-1) ?? '',
    type: `Microsoft.Network/networkManagers/${type}`,
    properties,
  };
}

/** AVNM over the small estate: spoke1 in a hub-and-spoke configuration (a connected group), admin and routing rules. */
function avnm(): ArmResource[] {
  return [
    {
      id: NM,
      name: 'avnm',
      type: 'Microsoft.Network/networkManagers',
      location: 'westeurope',
      properties: {},
    },
    child('networkGroups/spokes', 'networkGroups', { memberType: 'VirtualNetwork' }),
    child('networkGroups/spokes/staticMembers/spoke1', 'networkGroups/staticMembers', { resourceId: SPOKE1 }),
    child('connectivityConfigurations/hub-spoke', 'connectivityConfigurations', {
      connectivityTopology: 'HubAndSpoke',
      hubs: [{ resourceId: HUB_ID, resourceType: 'Microsoft.Network/virtualNetworks' }],
      appliesToGroups: [
        { networkGroupId: GROUP, groupConnectivity: 'DirectlyConnected', useHubGateway: 'False' },
      ],
    }),
    child(
      'securityAdminConfigurations/sec/ruleCollections/base',
      'securityAdminConfigurations/ruleCollections',
      {
        appliesToGroups: [{ networkGroupId: GROUP }],
      },
    ),
    ALLOW_HUB,
    child('routingConfigurations/udr/ruleCollections/spokes', 'routingConfigurations/ruleCollections', {
      appliesTo: [],
      appliesToGroups: [{ networkGroupId: GROUP }],
    }),
    DEFAULT_ROUTE,
  ];
}

/** The manager's deployment status: the hub-and-spoke configuration deployed (commit type Connectivity) in westeurope. */
function deployed(region = 'westeurope'): ArmResource {
  return {
    id: `${NM}/deploymentStatus/Connectivity-${region}`,
    name: `Connectivity-${region}`,
    type: 'Microsoft.Network/networkManagers/deploymentStatus',
    properties: {
      region,
      deploymentType: 'Connectivity',
      deploymentStatus: 'Deployed',
      configurationIds: [`${NM}/connectivityConfigurations/hub-spoke`],
      commitTime: '2026-01-01T00:00:00Z',
    },
  };
}

describe('Azure Virtual Network Manager', () => {
  const plan = planDualStack([...smallEstate({ spokes: 2 }), ...avnm()], smallConfig());

  it('does not sync the hub peerings AVNM owns, and without its deployment status says to deploy again', () => {
    const syncs = plan.steps.filter((s) => s.kind === 'peeringSync').map((s) => s.resourceId);
    expect(syncs.some((r) => r.includes('spoke1'))).toBe(false);
    expect(syncs.some((r) => r.includes('spoke2'))).toBe(true);
    expect(plan.manualActions).toContainEqual(
      expect.objectContaining({
        code: 'AvnmRedeployConnectivity',
        resourceId: `${NM}/connectivityConfigurations/hub-spoke`,
      }),
    );
    expect(codes(plan.warnings)).toContain('AvnmConnectedGroup');
    // The spoke itself still migrates: its address space is Dualstack's to add.
    expect(plan.steps.some((s) => s.kind === 'virtualNetwork' && s.resourceId === SPOKE1)).toBe(true);
  });

  it('commits a deployed configuration again after the hub and its spokes have IPv6, instead of syncing', () => {
    const p = planDualStack([...smallEstate({ spokes: 2 }), ...avnm(), deployed()], smallConfig());
    expect(codes(p.manualActions)).not.toContain('AvnmRedeployConnectivity');
    const commit = p.steps.find(
      (s) => s.kind === 'avnmCommit' && s.id.includes('connectivityconfigurations'),
    );
    expect(commit?.additions).toEqual([
      {
        op: 'commitAvnm',
        commit: {
          commitType: 'Connectivity',
          configurationIds: [`${NM}/connectivityConfigurations/hub-spoke`],
          targetLocations: ['westeurope'],
        },
      },
    ]);
    const vnetSteps = p.steps.filter(
      (s) => s.kind === 'virtualNetwork' && [HUB_ID, SPOKE1].includes(s.resourceId),
    );
    expect(commit?.dependsOn.sort()).toEqual(vnetSteps.map((s) => s.id).sort());
    expect(commit?.vnetId).toBeUndefined();
    expect(p.steps.filter((s) => s.kind === 'peeringSync' && s.resourceId.includes('spoke1'))).toEqual([]);
  });

  it('leaves a configuration that is not deployed in the spoke region to its owner: no commit, normal syncs', () => {
    const p = planDualStack(
      [...smallEstate({ spokes: 2 }), ...avnm(), deployed('northeurope')],
      smallConfig(),
    );
    expect(p.steps.some((s) => s.kind === 'avnmCommit' && s.id.includes('connectivityconfigurations'))).toBe(
      false,
    );
    expect(p.steps.some((s) => s.kind === 'peeringSync' && s.resourceId.includes('spoke1'))).toBe(true);
  });

  it('finds nothing without AVNM, and nothing for a configuration whose hub is another VNet', () => {
    const other = avnm().map((r) =>
      r.type.endsWith('connectivityConfigurations')
        ? { ...r, properties: { ...r.properties, hubs: [{ resourceId: SPOKE1 }] } }
        : r,
    );
    const p = planDualStack([...smallEstate({ spokes: 2 }), ...other], smallConfig());
    expect(codes(p.manualActions)).not.toContain('AvnmRedeployConnectivity');
    expect(p.steps.filter((s) => s.kind === 'peeringSync')).toHaveLength(
      planDualStack(smallEstate({ spokes: 2 }), smallConfig()).steps.filter((s) => s.kind === 'peeringSync')
        .length,
    );
  });
});
