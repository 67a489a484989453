import os from 'node:os';
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

function timed<T>(run: () => T): { result: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wallMs = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: Math.round((used.user + used.system) / 1000) };
}

function main(): void {
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
  let cold: ReturnType<typeof timed<Plan>> | undefined = timed(() => planDualStack(estate, config));
  const afterCold = sample();
  const { wallMs: coldWallMs, cpuMs: coldCpuMs } = cold;
  const steps = cold.result.steps.length;
  const blockers = cold.result.blockers.length;
  // The cold plan is dropped first, so peak RSS is one estate plus one plan.
  cold = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const warm = timed(() => planDualStack(estate, config));
  const peakRssMb = Math.round((process.resourceUsage().maxRSS * 1024) / MB);
  process.stdout.write(
    `${JSON.stringify({
      spokes,
      resources: estate.length,
      steps,
      blockers,
      coldWallMs,
      coldCpuMs,
      warmWallMs: warm.wallMs,
      warmCpuMs: warm.cpuMs,
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

main();
