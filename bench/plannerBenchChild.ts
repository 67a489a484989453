import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { generateEstate } from '../emulator/topologies/generateEstate';
import { parseConfig } from '../src/planner/config/parseConfig';
import type { Plan } from '../src/planner/Plan';
import { planDualStack } from '../src/planner/planDualStack';

/**
 * One estate size in a fresh process (so peak RSS belongs to this size alone):
 * generate, then plan twice (cold, as the planNetwork activity does, and warm).
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

async function timed<T>(
  run: () => T,
): Promise<{ result: T; wallMs: number; cpuMs: number; gcPauseMs: number }> {
  await new Promise((r) => setImmediate(r));
  gcPauseMs = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wallMs = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  // GC entries are delivered asynchronously.
  await new Promise((r) => setImmediate(r));
  return {
    result,
    wallMs,
    cpuMs: Math.round((used.user + used.system) / 1000),
    gcPauseMs: Math.round(gcPauseMs),
  };
}

async function main(): Promise<void> {
  const spokes = Number(process.argv[2]);
  if (!Number.isInteger(spokes) || spokes < 1)
    throw new RangeError(`spokes must be a positive integer, got ${process.argv[2]}`);
  const estate = generateEstate({ spokes, subnetsPerSpoke: 3, nicsPerSubnet: 3, seed: 42 });
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
  const { wallMs: coldWallMs, cpuMs: coldCpuMs, gcPauseMs: coldGcPauseMs } = cold;
  const steps = cold.result.steps.length;
  const blockers = cold.result.blockers.length;
  // The cold plan is dropped first, so peak RSS is one estate plus one plan.
  cold = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const warm = await timed(() => planDualStack(estate, config));
  const peakRssMb = Math.round((process.resourceUsage().maxRSS * 1024) / MB);
  process.stdout.write(
    `${JSON.stringify({
      spokes,
      resources: estate.length,
      steps,
      blockers,
      coldWallMs,
      coldCpuMs,
      coldGcPauseMs,
      warmWallMs: warm.wallMs,
      warmCpuMs: warm.cpuMs,
      warmGcPauseMs: warm.gcPauseMs,
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
