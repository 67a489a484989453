import type { ArmResource } from '../../../../src/arm/ArmResource';
import { planDualStack } from '../../../../src/planner/planDualStack';
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
    child(
      'securityAdminConfigurations/sec/ruleCollections/base/rules/allow-hub',
      'securityAdminConfigurations/ruleCollections/rules',
      {
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        priority: 100,
        sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: '10.0.0.0/16' }],
        destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '10.1.0.0/24' }],
      },
    ),
    child('routingConfigurations/udr/ruleCollections/spokes', 'routingConfigurations/ruleCollections', {
      appliesTo: [],
      appliesToGroups: [{ networkGroupId: GROUP }],
    }),
    child(
      'routingConfigurations/udr/ruleCollections/spokes/rules/default',
      'routingConfigurations/ruleCollections/rules',
      {
        destination: { type: 'AddressPrefix', destinationAddress: '0.0.0.0/0' },
        nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: '10.0.4.4' },
      },
    ),
  ];
}

describe('Azure Virtual Network Manager', () => {
  const plan = planDualStack([...smallEstate({ spokes: 2 }), ...avnm()], smallConfig());

  it('does not sync the hub peerings AVNM owns, and says to deploy the connectivity configuration again', () => {
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

  it('plans IPv6 twins of AVNM security admin and routing rules in their collections, with the exact prefixes', () => {
    const admin = plan.manualActions.find((a) => a.code === 'AvnmSecurityAdminRuleTwin');
    const spoke1Block = plan.vnets.find((v) => v.vnetId === SPOKE1)?.subnets[0]?.ipv6Prefix ?? 'x';
    const hubBlock = plan.vnets.find((v) => v.vnetId === HUB_ID)?.ipv6Prefix ?? 'x';
    expect(admin?.fix).toContain(`sources ${hubBlock}`);
    expect(admin?.fix).toContain(`destinations ${spoke1Block}`);
    const routing = plan.manualActions.find((a) => a.code === 'AvnmRoutingRuleTwin');
    expect(routing?.fix).toMatch(/destination ::\/0, next hop VirtualAppliance [0-9a-f:]+::4;/);
    expect(plan.steps.filter((s) => s.resourceId.includes('networkManagers'))).toEqual([]);
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
