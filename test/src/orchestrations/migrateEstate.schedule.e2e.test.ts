import type { WriteLogEntry } from '../../../emulator/EmulatorOptions';
import { referenceTopology } from '../../../estates/referenceTopology';
import { parentResourceId } from '../../../src/arm/resourceId';
import type { Plan } from '../../../src/planner/Plan';
import { planNow, runMigration, withStack } from '../../helpers/migrationKit';

// Latencies on (VNet 100 ms, NIC 50 ms, LB 80 ms, peering 50 ms) so that writes overlap
// as they do in Azure; durable timers run on the same scale.
const TIME_SCALE = 0.01;
const timed = {
  emulator: { timeScale: TIME_SCALE },
  host: { timeScale: 1 / TIME_SCALE },
  updateIntervalInMs: 5,
};

function network(log: readonly WriteLogEntry[]): WriteLogEntry[] {
  return log.filter((w) => w.status < 300 && !/\/providers\/microsoft\.insights\//i.test(w.resourceId));
}

/** The most writes in flight at one moment. */
function peakOverlap(writes: readonly WriteLogEntry[]): number {
  const edges = writes.flatMap((w) => [
    { at: w.startedAt, delta: 1 },
    { at: w.finishedAt ?? w.startedAt, delta: -1 },
  ]);
  // An end and a start at the same instant don't overlap.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let peak = 0;
  for (const e of edges) {
    now += e.delta;
    peak = Math.max(peak, now);
  }
  return peak;
}

function onHubPeering(plan: Plan, w: WriteLogEntry): boolean {
  return w.resourceId.toLowerCase().startsWith(`${plan.hubVnetId.toLowerCase()}/virtualnetworkpeerings/`);
}

function finished(w: WriteLogEntry): number {
  return w.finishedAt ?? w.startedAt;
}

/** A write of one of the VNet's own steps (not its hub-side sync, which the hub lane writes). */
function ownedBy(plan: Plan, w: WriteLogEntry, vnetId: string): boolean {
  return (
    !onHubPeering(plan, w) &&
    plan.steps.some((s) => s.vnetId === vnetId && s.resourceId.toLowerCase() === w.resourceId.toLowerCase())
  );
}

function hubSideSyncs(plan: Plan): Map<string, string> {
  const hub = plan.hubVnetId.toLowerCase();
  return new Map(
    plan.steps
      .filter(
        (s) =>
          s.kind === 'peeringSync' &&
          s.vnetId !== undefined &&
          s.vnetId.toLowerCase() !== hub &&
          parentResourceId(s.resourceId).toLowerCase() === hub,
      )
      .map((s) => [s.vnetId!.toLowerCase(), s.resourceId.toLowerCase()]),
  );
}

describe('migrateEstate scheduling (write log of the emulator, real orchestrators)', () => {
  it("syncs a spoke's hub side while the spoke is still writing, one hub write at a time", async () => {
    await withStack({ topology: referenceTopology(), ...timed }, async (stack) => {
      const plan = await planNow(stack);
      const syncs = hubSideSyncs(plan);
      expect(syncs.size).toBeGreaterThan(1);
      const { result } = await runMigration(stack, 'run-lane', {
        rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 4 },
      });
      expect(result.outcome).toBe('succeeded');

      const log = network(stack.emulator.writeLog());
      const hubWrites = log.filter((w) => onHubPeering(plan, w));
      expect(hubWrites).toHaveLength(syncs.size);
      // Serial on the hub: Azure would answer an overlap with AnotherOperationInProgress.
      expect(peakOverlap(hubWrites)).toBe(1);
      expect(stack.emulator.writeLog().filter((w) => w.status === 409)).toEqual([]);

      // Before the lane, a spoke's hub side waited for all of its NICs, load balancers and routes.
      const early = [...syncs].filter(([vnetId, syncId]) => {
        const sync = log.find((w) => w.resourceId.toLowerCase() === syncId);
        const own = plan.steps
          .filter((s) => s.vnetId?.toLowerCase() === vnetId && s.kind !== 'peeringSync')
          .map((s) => s.resourceId.toLowerCase());
        const lastOwn = Math.max(
          ...log.filter((w) => own.includes(w.resourceId.toLowerCase())).map((w) => w.finishedAt ?? 0),
        );
        return sync !== undefined && sync.startedAt < lastOwn;
      });
      expect(early.length).toBeGreaterThan(0);
    });
  }, 60_000);

  it("writes spokes' address spaces while the hub writes the rest, and nothing else of a spoke before the hub is done", async () => {
    await withStack({ topology: referenceTopology(), ...timed }, async (stack) => {
      const plan = await planNow(stack);
      const { result } = await runMigration(stack, 'run-overlap', {
        rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 4 },
      });
      expect(result.outcome).toBe('succeeded');
      const log = network(stack.emulator.writeLog());
      const hub = plan.hubVnetId.toLowerCase();
      const hubAddressSpace = log.find((w) => w.resourceId.toLowerCase() === hub)!;
      const hubDone = Math.max(...log.filter((w) => ownedBy(plan, w, plan.hubVnetId)).map(finished));
      const spokeVnets = new Set(
        plan.vnets.filter((v) => v.role === 'spoke').map((v) => v.vnetId.toLowerCase()),
      );
      const addressSpaces = log.filter((w) => spokeVnets.has(w.resourceId.toLowerCase()));
      expect(addressSpaces).toHaveLength(spokeVnets.size);
      // Each waits for the hub's address space, and at least one lands while the hub still writes.
      for (const w of addressSpaces) expect(w.startedAt).toBeGreaterThanOrEqual(finished(hubAddressSpace));
      expect(addressSpaces.some((w) => w.startedAt < hubDone)).toBe(true);
      // Everything else of the spokes, and the hub lane, waits until the hub's own writes are all in.
      const spokeWorkloads = log.filter(
        (w) =>
          !spokeVnets.has(w.resourceId.toLowerCase()) &&
          !ownedBy(plan, w, plan.hubVnetId) &&
          w.resourceId.toLowerCase() !== hub,
      );
      expect(spokeWorkloads.length).toBeGreaterThan(0);
      for (const w of spokeWorkloads) expect(w.startedAt).toBeGreaterThanOrEqual(hubDone);
    });
  }, 60_000);

  it('runs the named canary first, whatever its place in the plan, and the other spokes after it', async () => {
    await withStack({ topology: referenceTopology(), ...timed }, async (stack) => {
      const plan = await planNow(stack);
      const spokeIds = plan.vnets.filter((v) => v.role === 'spoke').map((v) => v.vnetId);
      const canary = spokeIds[spokeIds.length - 1]!;
      const { result } = await runMigration(stack, 'run-named-canary', {
        rollout: { maxParallelSpokes: 4, canarySpokes: 1, canaryVnetIds: [canary], abortAfterFailures: 4 },
      });
      expect(result.outcome).toBe('succeeded');
      const log = network(stack.emulator.writeLog());
      const canaryDone = Math.max(...log.filter((w) => ownedBy(plan, w, canary)).map(finished));
      const others = log.filter((w) => spokeIds.some((id) => id !== canary && ownedBy(plan, w, id)));
      expect(others.length).toBeGreaterThan(0);
      for (const w of others) expect(w.startedAt).toBeGreaterThanOrEqual(canaryDone);
    });
  }, 60_000);

  it('keeps no more writes in flight than the write budget', async () => {
    await withStack({ topology: referenceTopology(), ...timed }, async (stack) => {
      const plan = await planNow(stack);
      const { result } = await runMigration(stack, 'run-budget', {
        rollout: { maxParallelSpokes: 1, canarySpokes: 0, abortAfterFailures: 4, maxParallelWrites: 3 },
      });
      expect(result.outcome).toBe('succeeded');
      const log = network(stack.emulator.writeLog());
      expect(log).toHaveLength(plan.steps.length);
      // The AVNM Connectivity commit is the estate's, not a spoke's: like the hub lane, it takes a slot of the budget.
      const lane = log.filter((w) => onHubPeering(plan, w) || /\/networkmanagers\//i.test(w.resourceId));
      const hubDone = Math.max(...log.filter((w) => ownedBy(plan, w, plan.hubVnetId)).map(finished));
      const spokes = log.filter((w) => !lane.includes(w) && w.startedAt >= hubDone);
      expect(peakOverlap(log)).toBeLessThanOrEqual(3);
      // Once the hub is written, one write is the lane's (or the commit's) and the one spoke in the window gets the other two...
      expect(peakOverlap(spokes)).toBeLessThanOrEqual(2);
      // ...and uses them, not wastes them: the spoke's NICs do go two at a time.
      expect(peakOverlap(spokes)).toBe(2);
    });
  }, 60_000);

  it('with a window wider than the budget, writes every address space first and shares the rest out', async () => {
    await withStack({ topology: referenceTopology(), ...timed }, async (stack) => {
      const plan = await planNow(stack);
      const { result } = await runMigration(stack, 'run-wide', {
        rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 4, maxParallelWrites: 3 },
      });
      expect(result.outcome).toBe('succeeded');
      const log = network(stack.emulator.writeLog());
      const spokeVnets = new Set(
        plan.vnets.filter((v) => v.role === 'spoke').map((v) => v.vnetId.toLowerCase()),
      );
      const addressSpaces = log.filter((w) => spokeVnets.has(w.resourceId.toLowerCase()));
      const bulk = log.filter(
        (w) =>
          !onHubPeering(plan, w) &&
          !spokeVnets.has(w.resourceId.toLowerCase()) &&
          plan.steps.some(
            (s) => s.resourceId.toLowerCase() === w.resourceId.toLowerCase() && s.vnetId !== plan.hubVnetId,
          ),
      );
      // All four spokes' address spaces at once, so the hub lane has work early...
      expect(peakOverlap(addressSpaces)).toBe(4);
      // ...while their other writes share the two writes the budget leaves beside the lane.
      expect(peakOverlap(bulk)).toBeLessThanOrEqual(2);
      expect(bulk.length).toBeGreaterThan(4);
    });
  }, 60_000);

  it("never writes a spoke's NICs or load balancers while its own peering is being written", async () => {
    await withStack({ topology: referenceTopology(), ...timed }, async (stack) => {
      const plan = await planNow(stack);
      const { result } = await runMigration(stack, 'run-lock', {
        rollout: { maxParallelSpokes: 2, canarySpokes: 0, abortAfterFailures: 4, maxParallelWrites: 5 },
      });
      expect(result.outcome).toBe('succeeded');
      const all = stack.emulator.writeLog();
      // Azure would refuse such a write (429 RetryableError): none was even tried.
      expect(all.filter((w) => w.status === 429)).toEqual([]);
      const log = network(all);
      // An AVNM-connected spoke's peerings are AVNM's: the Connectivity commit writes them, not a sync.
      const spokes = plan.vnets.filter(
        (v) =>
          v.role === 'spoke' && plan.steps.some((s) => s.kind === 'peeringSync' && s.vnetId === v.vnetId),
      );
      expect(spokes.length).toBeGreaterThan(0);
      for (const spoke of spokes) {
        const prefix = `${spoke.vnetId.toLowerCase()}/virtualnetworkpeerings/`;
        const own = log.filter((w) => w.resourceId.toLowerCase().startsWith(prefix));
        expect(own).toHaveLength(1);
        const joiners = plan.steps
          .filter(
            (s) => s.vnetId === spoke.vnetId && (s.kind === 'networkInterface' || s.kind === 'loadBalancer'),
          )
          .map((s) => s.resourceId.toLowerCase());
        const joins = log.filter((w) => joiners.includes(w.resourceId.toLowerCase()));
        expect(joins.length).toBeGreaterThan(0);
        for (const w of joins) {
          const sync = own[0]!;
          const overlaps =
            w.startedAt < (sync.finishedAt ?? sync.startedAt) &&
            sync.startedAt < (w.finishedAt ?? w.startedAt);
          expect(overlaps).toBe(false);
        }
      }
    });
  }, 60_000);
});
