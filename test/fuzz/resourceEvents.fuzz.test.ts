import fc from 'fast-check';
import type { LocalStack } from '../../cli/localStack';
import { DEFAULT_PRINCIPAL_ID } from '../../emulator/emulatorCredential';
import { ManualClock } from '../../devhost/ManualClock';
import type { ManagementApi } from '../../devhost/managementApi';
import { appSettings } from '../../src/functions/azureRuntime';
import { resourceEventCounters } from '../../src/functions/eventGridTrigger';
import type { Delivery, MigratedFunctionsStack } from '../src/functions/eventGrid/eventGridKit';
import { createSpoke, deliver, startMigratedFunctionsStack } from '../src/functions/eventGrid/eventGridKit';
import { clip, FUZZ_SEED, OutcomeTable, withUnhandledCapture } from './fuzzKit';
import { hostileEvents } from './hostileEvents';

const PER_CATEGORY = 50;
const SETTLE_SECONDS = 60;

/** The counter an event moved: the handler's decision for it. */
function decisionOf(before: Record<string, number>, after: Record<string, number>): string {
  return Object.keys(after).find((k) => (after[k] ?? 0) > (before[k] ?? 0)) ?? 'none';
}

describe('resourceEvents fuzz: hostile Event Grid deliveries through the registered handler', () => {
  let stack: LocalStack;
  let api: ManagementApi;
  const clock = new ManualClock(new Date('2026-12-05T09:00:00Z'));
  let excludedIds: string[] = [];

  let fixture: MigratedFunctionsStack;
  beforeAll(async () => {
    fixture = await startMigratedFunctionsStack(SETTLE_SECONDS, { clock });
    ({ stack, api } = fixture);
    const skipped = await createSpoke(stack, 'skip', 30, { tags: { [appSettings().exclusionTag]: 'true' } });
    excludedIds = [skipped.vnetId, ...skipped.subnetIds, ...skipped.nicIds, skipped.loadBalancerId];
    stack.emulator.clearWriteLog();
  }, 120_000);
  afterAll(() => fixture.stop());

  it(`routes ${PER_CATEGORY} cases per category without a throw, drops what is not ours, and writes nothing`, async () => {
    const hub = stack.baseConfig.hubVnetId;
    const spokeIds = stack.emulator
      .dump()
      .filter(
        (r) =>
          r.type.toLowerCase() === 'microsoft.network/virtualnetworks' &&
          r.id !== hub &&
          !excludedIds.includes(r.id),
      )
      .map((r) => r.id);
    const generators = hostileEvents({
      subscriptionId: stack.baseConfig.scope.subscriptions[0]!,
      spokeIds,
      excludedIds,
      ownPrincipalId: DEFAULT_PRINCIPAL_ID,
    });
    const cases = Object.values(generators).flatMap((arb, i) =>
      fc.sample(arb, { seed: FUZZ_SEED + i, numRuns: PER_CATEGORY }),
    );
    const table = new OutcomeTable();
    const delivery: Delivery = { logs: [] };
    let deliveries = 0;

    const { unhandled } = await withUnhandledCapture(async () => {
      for (const c of cases) {
        for (const event of c.events) {
          deliveries += 1;
          const started = performance.now();
          const before = resourceEventCounters.snapshot() as Record<string, number>;
          let decision: string;
          try {
            await deliver(api, event, delivery);
            decision = decisionOf(before, resourceEventCounters.snapshot());
          } catch (error) {
            decision = 'threw';
            table.violation(
              c.category,
              `the handler threw ${clip(error instanceof Error ? error.message : error)}`,
              event,
            );
          }
          table.record(c.category, decision, 0, performance.now() - started);
          if (decision !== 'threw' && !c.allowed.includes(decision))
            table.violation(c.category, `decided ${decision} (allowed: ${c.allowed.join(', ')})`, event);
        }
      }
      // Every reconcile the events started settles and runs; over a dual-stack estate and an excluded spoke, none may write.
      await stack.host.whenIdle();
      clock.advance(SETTLE_SECONDS * 1000 + 1);
      const reconciles = (await stack.host.getStatusAll()).filter((s) =>
        s.instanceId.startsWith('reconcile-'),
      );
      for (const r of reconciles) {
        const done = await stack.host.waitForCompletion(r.instanceId, { timeoutInMilliseconds: 30_000 });
        if (String(done.runtimeStatus) !== 'Completed')
          table.violation('settle', `${r.instanceId} ended ${String(done.runtimeStatus)}`, done.output);
      }
      return reconciles.length;
    });
    const writes = stack.emulator.writeLog();
    console.log(
      `${table.render(`Event Grid fuzz (seed ${FUZZ_SEED}, ${cases.length} cases, ${deliveries} deliveries)`)}\nARM writes after every reconcile settled: ${writes.length}`,
    );
    expect(deliveries).toBeGreaterThanOrEqual(500);
    expect(unhandled).toEqual([]);
    expect(table.violations).toEqual([]);
    expect(writes).toEqual([]);
  }, 120_000);
});
