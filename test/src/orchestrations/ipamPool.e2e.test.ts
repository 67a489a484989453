import type { LocalStack } from '../../../cli/localStack';
import { ipamPoolResources } from '../../../estates/builders/ipamPool';
import { REFERENCE_LOCATION, REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { planEstate } from '../../../src/activities/planNetwork';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import {
  reconcileSpokeRef,
  type ReconcileSpokeInput,
  type ReconcileSpokeResult,
} from '../../../src/orchestrations/reconcileSpoke';
import { staticCidrName } from '../../../src/planner/ipam/staticCidrName';
import { runMigration, runRollback, withStack } from '../../helpers/migrationKit';

const SUB = REFERENCE_SUBSCRIPTION_ID;
const POOL_ID = `/subscriptions/${SUB}/resourceGroups/rg-avnm/providers/Microsoft.Network/networkManagers/avnm-platform/ipamPools/ipv6-spokes`;
/** A spoke deleted since an earlier run gave it a block: its static CIDR is still in the pool. */
const GONE = `/subscriptions/${SUB}/resourceGroups/rg-spoke-old/providers/Microsoft.Network/virtualNetworks/vnet-spoke-old`;

/** The reference estate and a platform team's IPv6 pool whose first /56 is already given to on-premises. */
function estate(): ArmResource[] {
  return [
    ...referenceTopology(),
    ...ipamPoolResources({
      subscriptionId: SUB,
      resourceGroup: 'rg-avnm',
      location: REFERENCE_LOCATION,
      networkManagerName: 'avnm-platform',
      poolName: 'ipv6-spokes',
      addressPrefixes: ['fd00:1200::/48'],
      staticCidrs: { 'on-premises': ['fd00:1200::/56'], [staticCidrName(GONE)]: ['fd00:1200:0:ff00::/56'] },
    }),
  ];
}

function vnets(stack: LocalStack): ArmResource[] {
  return stack.emulator.dump().filter((r) => r.type === 'Microsoft.Network/virtualNetworks');
}

function staticCidrs(stack: LocalStack): ArmResource[] {
  return stack.emulator
    .dump()
    .filter((r) => r.type === 'Microsoft.Network/networkManagers/ipamPools/staticCidrs');
}

function addressSpace(vnet: ArmResource): unknown {
  return (vnet.properties?.addressSpace as { addressPrefixes?: unknown }).addressPrefixes;
}

describe('VNet blocks from an AVNM IPAM pool through the orchestrations', () => {
  it('allocates each /56 as a static CIDR before the VNet PUT, re-runs with zero writes, and a rollback gives them back', async () => {
    await withStack({ topology: estate(), emulator: { timeScale: 0 } }, async (stack) => {
      const config = { ...stack.baseConfig, ipamPoolId: POOL_ID };
      const before = new Map(vnets(stack).map((v) => [v.id, addressSpace(v)]));

      const plan = await planEstate(stack.services, { config });
      expect(plan.blockers).toEqual([]);
      expect(plan.reservations).toEqual([]);
      expect(plan.ipamPool?.allocations).toHaveLength(before.size);
      expect(plan.ipamPool?.allocations.some((a) => a.prefix === 'fd00:1200::/56')).toBe(false);
      const cidrSteps = plan.steps.filter((s) => s.kind === 'ipamStaticCidr');
      expect(cidrSteps).toHaveLength(before.size);
      for (const s of cidrSteps)
        expect(
          plan.steps.find((v) => v.kind === 'virtualNetwork' && v.vnetId === s.vnetId)?.dependsOn,
        ).toContain(s.id);

      const { result } = await runMigration(stack, 'run-ipam', { config });
      expect(result.outcome).toBe('succeeded');
      for (const vnet of vnets(stack)) {
        const held = staticCidrs(stack).find((c) => c.name === staticCidrName(vnet.id));
        const prefix = (held?.properties?.addressPrefixes as string[] | undefined)?.[0];
        expect(prefix).toBe(plan.ipamPool?.allocations.find((a) => a.vnetId === vnet.id)?.prefix);
        expect(addressSpace(vnet)).toEqual([...(before.get(vnet.id) as string[]), prefix]);
      }
      // The Table ledger was not used.
      expect(await stack.services.reservations.list()).toEqual([]);
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RowType === 'step' && r.ResourceKind === 'ipamStaticCidr');
      expect(rows.map((r) => r.Outcome)).toEqual(Array(before.size).fill('applied'));

      // A re-run finds every static CIDR and every VNet as planned: nothing to write.
      expect((await planEstate(stack.services, { config })).steps).toEqual([]);
      stack.emulator.clearWriteLog();
      const again = await runMigration(stack, 'run-ipam-again', { config });
      expect(again.result.outcome).not.toBe('failed');
      expect(stack.emulator.writeLog()).toEqual([]);

      // The deleted spoke's delete event: its block goes back to the pool, and the release is recorded.
      const reconcile: ReconcileSpokeInput = { vnetId: GONE, config, settleSeconds: 0, trigger: 'deleted' };
      await stack.host.startNew(reconcileSpokeRef.name, { instanceId: 'reconcile-gone', input: reconcile });
      const released = (
        await stack.host.waitForCompletion('reconcile-gone', { timeoutInMilliseconds: 60_000 })
      ).output as ReconcileSpokeResult;
      expect(released).toMatchObject({ outcome: 'released', released: ['fd00:1200:0:ff00::/56'] });
      expect(staticCidrs(stack).some((c) => c.name === staticCidrName(GONE))).toBe(false);

      const done = await runRollback(stack, 'rollback-ipam', { config });
      expect(done.outcome).toBe('succeeded');
      for (const vnet of vnets(stack)) expect(addressSpace(vnet)).toEqual(before.get(vnet.id));
      expect(staticCidrs(stack).map((c) => c.name)).toEqual(['on-premises']);
    });
  }, 180_000);
});
