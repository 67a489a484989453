import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import type { Finding } from '../../../src/planner/Plan';
import { planNow, runMigration, withStack } from '../../helpers/migrationKit';
import { type SubnetBody, subnetsOf, withNatGateway } from '../../helpers/referenceVariants';

const NET = (rg: string) =>
  `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/${rg}/providers/Microsoft.Network`;
const PROD2 = `${NET('rg-spoke-prod-2')}/virtualNetworks/vnet-spoke-prod-2`;
const NONPROD1 = `${NET('rg-spoke-nonprod-1')}/virtualNetworks/vnet-spoke-nonprod-1`;

function withSubnets(estate: ArmResource[], vnetName: string, extra: SubnetBody[]): void {
  subnetsOf(estate, vnetName).push(...extra);
}

const delegatedTo = (serviceName: string) => ({
  delegations: [{ name: 'delegation', properties: { serviceName } }],
});

/**
 * The reference estate with the subnets Azure treats differently in vnet-spoke-prod-2: one delegated to
 * App Service, one to a service Dualstack doesn't know, a NAT gateway (Standard) on snet-app, a private
 * endpoint subnet and an Application Gateway subnet. The hub's VPN gateway sits beside ExpressRoute.
 */
function warnedEstate(): ArmResource[] {
  const estate = referenceTopology();
  withSubnets(estate, 'vnet-spoke-prod-2', [
    {
      name: 'snet-apps',
      properties: { addressPrefix: '10.2.10.0/24', ...delegatedTo('Microsoft.Web/serverFarms') },
    },
    {
      name: 'snet-widgets',
      properties: { addressPrefix: '10.2.11.0/24', ...delegatedTo('Contoso.Widgets/things') },
    },
    {
      name: 'snet-endpoints',
      properties: {
        addressPrefix: '10.2.12.0/24',
        privateEndpoints: [{ id: `${NET('rg-spoke-prod-2')}/privateEndpoints/pe-sql` }],
      },
    },
    {
      name: 'snet-agw',
      properties: {
        addressPrefix: '10.2.13.0/24',
        applicationGatewayIPConfigurations: [
          { id: `${NET('rg-spoke-prod-2')}/applicationGateways/agw/gatewayIPConfigurations/gw` },
        ],
      },
    },
  ]);
  withNatGateway(estate);
  return estate;
}

const subnetFinding = (list: Finding[], code: string, subnet: string) =>
  list.find((f) => f.code === code && f.resourceId === `${PROD2}/subnets/${subnet}`);

describe('subnets Azure treats differently, through the orchestrations', () => {
  it('migrates around them: the warned subnets get their /64 with their settings kept, the unknown delegation stays IPv4', async () => {
    await withStack({ topology: warnedEstate(), emulator: { timeScale: 0 } }, async (stack) => {
      const before = subnetsOf(stack.emulator.dump(), 'vnet-spoke-prod-2');
      const plan = await planNow(stack);
      expect(plan.blockers).toEqual([]);
      expect(subnetFinding(plan.warnings, 'DelegatedSubnetIpv4Service', 'snet-apps')?.message).toContain(
        'delegated to Microsoft.Web/serverFarms',
      );
      expect(subnetFinding(plan.manualActions, 'DelegationIpv6Unknown', 'snet-widgets')?.message).toContain(
        'delegated to Contoso.Widgets/things',
      );
      expect(subnetFinding(plan.warnings, 'NatGatewayNoIpv6Egress', 'snet-app')?.message).toContain(
        'NAT gateway ng-spoke-prod-2 (Standard)',
      );
      expect(subnetFinding(plan.warnings, 'PrivateEndpointsStayIpv4', 'snet-endpoints')).toBeDefined();
      expect(subnetFinding(plan.warnings, 'ApplicationGatewaySubnet', 'snet-agw')).toBeDefined();
      expect(plan.warnings.map((w) => w.code)).toContain('VpnGatewayIpv4Only');

      const { result } = await runMigration(stack, 'run-special-subnets');
      expect(result.outcome).toBe('succeeded');
      expect([result.plan.warnings, result.plan.manualActions]).toEqual([
        plan.warnings.length,
        plan.manualActions.length,
      ]);
      const after = new Map(
        subnetsOf(stack.emulator.dump(), 'vnet-spoke-prod-2').map((s) => [s.name, s.properties]),
      );
      for (const s of before) {
        const now = after.get(s.name) ?? {};
        const prefixes = (now.addressPrefixes as string[] | undefined) ?? [now.addressPrefix];
        // Each subnet keeps its delegation, NAT gateway, endpoints and gateway configurations as they were.
        for (const key of [
          'delegations',
          'natGateway',
          'privateEndpoints',
          'applicationGatewayIPConfigurations',
        ])
          expect([s.name, key, now[key]]).toEqual([s.name, key, s.properties[key]]);
        expect([s.name, prefixes.some((p) => String(p).includes(':'))]).toEqual([
          s.name,
          s.name !== 'snet-widgets',
        ]);
      }
      expect((await planNow(stack)).steps).toEqual([]);
    });
  }, 120_000);

  it('stops before any write on RouteServerSubnet, an IPv6-refusing delegation and a Virtual WAN hub, naming each', async () => {
    const estate = referenceTopology();
    withSubnets(estate, 'vnet-spoke-prod-2', [
      { name: 'RouteServerSubnet', properties: { addressPrefix: '10.2.20.0/27' } },
    ]);
    withSubnets(estate, 'vnet-spoke-nonprod-1', [
      {
        name: 'snet-files',
        properties: { addressPrefix: '10.3.20.0/24', ...delegatedTo('Microsoft.Netapp/volumes') },
      },
    ]);
    const hubPeering = estate.find((r) => r.id === NONPROD1)?.properties?.virtualNetworkPeerings as unknown[];
    hubPeering.push({
      name: 'RemoteVnetToHubPeering_1234',
      properties: {
        remoteVirtualNetwork: {
          id: `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/RG_vhub-weu_5678/providers/Microsoft.Network/virtualNetworks/HV_vhub-weu_5678`,
        },
        allowVirtualNetworkAccess: true,
        peeringState: 'Connected',
      },
    });
    await withStack({ topology: estate, emulator: { timeScale: 0 } }, async (stack) => {
      stack.emulator.clearWriteLog();
      const { result } = await runMigration(stack, 'run-blocked-subnets');
      expect(result.outcome).toBe('blocked');
      expect(result.plan.blockers.map((b) => [b.code, b.resourceId])).toEqual([
        ['DelegationForbidsIpv6', `${NONPROD1}/subnets/snet-files`],
        ['RouteServerPresent', `${PROD2}/subnets/RouteServerSubnet`],
        ['VirtualWanHubConnected', NONPROD1],
      ]);
      expect(result.plan.blockers[0]?.message).toContain('Microsoft.Netapp/volumes');
      expect(result.plan.blockers[2]?.message).toContain('RemoteVnetToHubPeering_1234');
      expect(stack.emulator.writeLog()).toEqual([]);
    });
  }, 60_000);
});
