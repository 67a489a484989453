import { readFileSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { generateEstate } from '../estates/generateEstate';
import { parseConfig } from '../src/planner/config/parseConfig';
import type { Plan } from '../src/planner/Plan';
import { planDualStack } from '../src/planner/planDualStack';
import { planRollback } from '../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from '../test/src/planner/fixtures/applyPlanToSnapshot';

/**
 * One estate size in a fresh process (so peak RSS belongs to this size alone):
 * generate, then plan cold (the first plan in the process, as the planNetwork activity does) and
 * warm (three more, each of a freshly generated copy, as a long-lived worker plans a fresh read;
 * the first is reported, with the median of all three), then plan the rollback of the estate as
 * the plan leaves it.
 * Prints one JSON line. Run by plannerBench.ts: `node --import tsx bench/plannerBenchChild.ts <spokes>`.
 */
const MB = 1024 * 1024;

function sample(): { heapUsedMb: number; rssMb: number } {
  const m = process.memoryUsage();
  return { heapUsedMb: Math.round(m.heapUsed / MB), rssMb: Math.round(m.rss / MB) };
}

/** Garbage-collection pauses (ms) reported since the last call; pauses dominate on a loaded machine. */
let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

/**
 * CPU time of the main thread alone (Linux; 10 ms resolution), which GC helper threads don't
 * inflate: on a shared machine wall time also counts the time the process waited for a core.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
    return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : undefined;
  } catch {
    return undefined;
  }
}

async function timed<T>(
  run: () => T,
): Promise<{ result: T; wallMs: number; cpuMs: number; mainThreadCpuMs?: number; gcPauseMs: number }> {
  // GC entries are delivered late: let the forced collection before a run report itself first.
  await new Promise((r) => setTimeout(r, 50));
  gcPauseMs = 0;
  const mainBefore = mainThreadCpuMs();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wallMs = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  const mainAfter = mainThreadCpuMs();
  // GC entries are delivered asynchronously, and late.
  await new Promise((r) => setTimeout(r, 50));
  return {
    result,
    wallMs,
    cpuMs: Math.round((used.user + used.system) / 1000),
    mainThreadCpuMs: mainBefore !== undefined && mainAfter !== undefined ? mainAfter - mainBefore : undefined,
    gcPauseMs: Math.round(gcPauseMs),
  };
}

const WARM_RUNS = 3;

/**
 * A fixed workload of the planner's kind (long string keys in a map, small objects, a sort),
 * timed right after the cold plan. This VM shares its host, and the same plan can take half as
 * long again in a busy hour: this figure says how fast the machine was at the time.
 */
function calibrationMs(): number {
  const start = performance.now();
  const map = new Map<string, { i: number; key: string }>();
  for (let i = 0; i < 200_000; i++) {
    const key = `/subscriptions/00000000-0000-4000-8000-000000000001/resourcegroups/rg-${i % 5000}/providers/microsoft.network/networkinterfaces/nic-${i}`;
    map.set(key, { i, key });
  }
  let sum = 0;
  for (const key of [...map.keys()].sort()) sum += map.get(key)?.i ?? 0;
  if (sum !== (199_999 * 200_000) / 2) throw new Error('calibration workload miscounted');
  return Math.round(performance.now() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const spokes = Number(process.argv[2]);
  if (!Number.isInteger(spokes) || spokes < 1)
    throw new RangeError(`spokes must be a positive integer, got ${process.argv[2]}`);
  const generate = () => generateEstate({ spokes, subnetsPerSpoke: 3, nicsPerSubnet: 3, seed: 42 });
  let estate = generate();
  const resources = estate.length;
  const hub = estate.find((r) => r.type === 'Microsoft.Network/virtualNetworks' && r.name === 'vnet-hub');
  if (!hub) throw new Error('generated estate has no hub');
  // A /40 holds 65,536 /56s: room for every size measured.
  const config = parseConfig({
    hubVnetId: hub.id,
    scope: { subscriptions: [hub.id.split('/')[2]] },
    ipv6Pool: 'fd00:be00::/40',
  });
  (globalThis as { gc?: () => void }).gc?.();
  const before = sample();
  let cold: Awaited<ReturnType<typeof timed<Plan>>> | undefined = await timed(() =>
    planDualStack(estate, config),
  );
  const afterCold = sample();
  // Generation plus the cold plan: one estate and one plan. The warm runs regenerate the estate,
  // which grows the heap further, so the peak is taken here.
  const peakRssMb = Math.round((process.resourceUsage().maxRSS * 1024) / MB);
  // Seconds after the cold plan, once its peak is read (the workload has a heap of its own).
  const calibration = calibrationMs();
  const {
    wallMs: coldWallMs,
    cpuMs: coldCpuMs,
    mainThreadCpuMs: coldMainThreadCpuMs,
    gcPauseMs: coldGcPauseMs,
  } = cold;
  const steps = cold.result.steps.length;
  const blockers = cold.result.blockers.length;
  // The cold plan is dropped first, so peak RSS is one estate plus one plan.
  cold = undefined;
  const warmRuns: Awaited<ReturnType<typeof timed<number>>>[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    // A later run reads the estate afresh: the same content in new objects and strings, so no
    // string hash or hidden class is left over from the run before. Only the step count is
    // kept, and the old estate is dropped before the new one is made: one estate and one plan
    // are alive at a time.
    estate = [];
    estate = generate();
    (globalThis as { gc?: () => void }).gc?.();
    warmRuns.push(await timed(() => planDualStack(estate, config).steps.length));
  }
  const warm = warmRuns[0] ?? (await timed(() => 0));
  // Rollback planning, once the estate is migrated in memory (every desired body written): first
  // in the process for the rollback code, after the forward planner has warmed up.
  const forward = planDualStack(estate, config);
  let migrated = applyPlanToSnapshot(estate, forward);
  estate = [];
  (globalThis as { gc?: () => void }).gc?.();
  const rollback = await timed(() => planRollback(migrated, config, forward.reservations).steps.length);
  migrated = [];
  process.stdout.write(
    `${JSON.stringify({
      spokes,
      calibrationMs: calibration,
      resources,
      steps,
      blockers,
      coldWallMs,
      coldCpuMs,
      coldMainThreadCpuMs,
      coldGcPauseMs,
      warmWallMs: warm.wallMs,
      warmCpuMs: warm.cpuMs,
      warmGcPauseMs: warm.gcPauseMs,
      warmMedianWallMs: median(warmRuns.map((r) => r.wallMs)),
      warmMedianMainThreadCpuMs: median(warmRuns.map((r) => r.mainThreadCpuMs ?? 0)),
      rollbackWallMs: rollback.wallMs,
      rollbackMainThreadCpuMs: rollback.mainThreadCpuMs,
      rollbackSteps: rollback.result,
      heapBeforeMb: before.heapUsedMb,
      heapAfterPlanMb: afterCold.heapUsedMb,
      loadAverage1m: Number(os.loadavg()[0]?.toFixed(1)),
      cpus: os.cpus().length,
      rssBeforeMb: before.rssMb,
      rssAfterPlanMb: afterCold.rssMb,
      peakRssMb,
    })}\n`,
  );
}

void main();
