import { referenceTopology } from '../../../estates/referenceTopology';
import { toRunPlan } from '../../../src/activities/RunPlan';
import { verifyVnet, VERIFY_READS_AT_ONCE } from '../../../src/activities/verifyVnet';
import { planNow, runMigration, withStack } from '../../helpers/migrationKit';

describe('verifyVnet (reads back through the real SDK)', () => {
  it("names every promised IPv6 element that is missing, in the spoke's step order, then passes once migrated", async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const plan = toRunPlan(await planNow(stack));
      const spoke = plan.vnets.find((v) => v.role === 'spoke')!;
      const steps = plan.steps.filter((s) => s.vnetId === spoke.vnetId);
      // More steps than reads at once, so the answers can come back out of order.
      expect(steps.length).toBeGreaterThan(VERIFY_READS_AT_ONCE);

      const before = await verifyVnet({ vnet: spoke, steps });
      expect(before.ok).toBe(false);
      // Peerings only fall out of sync once an address space grows; everything else is missing.
      const writes = steps.filter((s) => s.kind !== 'peeringSync');
      expect(before.problems).toHaveLength(writes.length);
      before.problems.forEach((p, i) => expect(p.startsWith(`${writes[i]!.resourceId}: `)).toBe(true));

      const { result } = await runMigration(stack, 'run-verify');
      expect(result.outcome).toBe('succeeded');
      await expect(verifyVnet({ vnet: spoke, steps })).resolves.toEqual({ ok: true, problems: [] });
    });
  });
});
