import type { LocalStack } from '../../../cli/localStack';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { privateDnsZoneResources } from '../../../estates/builders/privateDnsZone';
import { vnet } from '../../../estates/builders/vnet';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { ADDED_METADATA } from '../../../src/planner/privateDnsRecords';
import { planNow, runMigration, runRollback, withStack } from '../../helpers/migrationKit';

const SUB = REFERENCE_SUBSCRIPTION_ID;
const ZONE = `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/corp.internal`;

const AT = { subscriptionId: SUB, location: 'westeurope' };
const LAB_ZONE = `/subscriptions/${SUB}/resourceGroups/rg-lab/providers/Microsoft.Network/privateDnsZones/lab.internal`;

/**
 * The reference estate (its zone is linked to prod-1 and prod-2), plus an AAAA set someone keeps for `app`,
 * and a zone linked only to a VNet outside the hub-and-spoke, whose A record names prod-1's web VM address.
 */
function estate(): ArmResource[] {
  const lab = vnet(
    AT,
    'rg-lab',
    'vnet-lab',
    ['10.60.0.0/16'],
    [{ name: 'snet-lab', addressPrefix: '10.60.0.0/24' }],
  );
  return [
    ...referenceTopology(),
    lab.resource,
    ...privateDnsZoneResources(AT, {
      resourceGroup: 'rg-lab',
      zoneName: 'lab.internal',
      links: [{ name: 'link-lab', vnetId: lab.resource.id, registrationEnabled: false }],
      aRecords: [{ name: 'web', ipv4Addresses: ['10.1.0.4'], ttl: 60 }],
    }),
    {
      id: `${ZONE}/AAAA/app`,
      name: 'app',
      type: 'Microsoft.Network/privateDnsZones/AAAA',
      etag: '6a3c1f7e-0000-4000-8000-000000000001',
      properties: {
        ttl: 300,
        fqdn: 'app.corp.internal.',
        isAutoRegistered: false,
        aaaaRecords: [{ ipv6Address: '2001:db8:ffff::1' }],
      },
    },
  ];
}

function aaaa(stack: LocalStack, name: string): ArmResource | undefined {
  return stack.emulator.dump().find((r) => r.id === `${ZONE}/AAAA/${name}`);
}

function nicIpv6(stack: LocalStack, rg: string, nic: string): string | undefined {
  const found = stack.emulator
    .dump()
    .find((r) => r.id.endsWith(`/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${nic}`));
  const configs = (found?.properties?.ipConfigurations ?? []) as {
    name: string;
    properties: Record<string, unknown>;
  }[];
  return configs.find((c) => c.name === 'ipconfig1-ipv6')?.properties.privateIPAddress as string | undefined;
}

describe('private DNS through the orchestrations', () => {
  it('adds AAAA records after the NICs, reports them, re-plans empty, and a rollback takes exactly them back', async () => {
    await withStack({ topology: estate(), emulator: { timeScale: 0 } }, async (stack) => {
      const before = stack.emulator.dump().filter((r) => r.id.startsWith(ZONE));
      const { result } = await runMigration(stack, 'run-dns');
      expect(result.outcome).toBe('succeeded');

      const web = nicIpv6(stack, 'rg-spoke-prod-1', 'nic-vm-prod-1-web');
      const app1 = nicIpv6(stack, 'rg-spoke-prod-1', 'nic-vm-prod-1-app');
      const app2 = nicIpv6(stack, 'rg-spoke-prod-2', 'nic-vm-prod-2-app');
      expect([web, app1, app2].every((a) => typeof a === 'string' && a.includes(':'))).toBe(true);
      expect(aaaa(stack, 'vm-prod-1-web')?.properties).toMatchObject({
        ttl: 10,
        aaaaRecords: [{ ipv6Address: web }],
        metadata: { [ADDED_METADATA]: web },
      });
      // Merged into someone's set: their record stays first and untouched.
      const app = aaaa(stack, 'app')?.properties;
      expect(app?.aaaaRecords).toEqual([
        { ipv6Address: '2001:db8:ffff::1' },
        ...[app1, app2].map((ipv6Address) => ({ ipv6Address })),
      ]);
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RowType === 'step' && r.ResourceKind === 'privateDnsRecordSet');
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.Outcome === 'applied' || r.Outcome === 'merged')).toBe(true);

      // Zones linked to migrated VNets only: the lab zone's A record names a dual-stacked NIC's address, yet gets no AAAA.
      const lab = stack.emulator.dump().filter((r) => r.id.startsWith(`${LAB_ZONE}/`));
      expect(lab.map((r) => r.id).sort()).toEqual([
        `${LAB_ZONE}/A/web`,
        `${LAB_ZONE}/virtualNetworkLinks/link-lab`,
      ]);
      const again = await planNow(stack);
      expect(again.steps).toEqual([]);

      const done = await runRollback(stack, 'rollback-dns');
      expect(done.outcome).toBe('succeeded');
      // The set Dualstack created is gone; the one it merged into is as it was (etag aside).
      const after = stack.emulator.dump().filter((r) => r.id.startsWith(ZONE));
      const strip = ({ etag: _etag, ...r }: ArmResource) => r;
      expect(after.map(strip)).toEqual(before.map(strip));
    });
  }, 180_000);
});
