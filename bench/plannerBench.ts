import { runJsonChild } from './runJsonChild';

const SIZES = [100, 1000, 5000];
const RUNS_PER_SIZE = 5;

function runChild(spokes: number): Promise<Record<string, number>> {
  return runJsonChild('plannerBenchChild.ts', [spokes], {
    nodeFlags: ['--expose-gc'],
    what: `planner bench at ${spokes} spokes`,
  });
}

/**
 * Planning time and memory for generated estates of 100, 1,000 and 5,000 spokes (3 subnets,
 * 3 NICs each), one child process per run for a clean peak RSS, five runs per size. Target: < 2 s and < 1 GB at
 * 5,000 spokes, time linear in size (cpuMsPerSpoke roughly flat). Also the rollback plan of each
 * estate once migrated (no target; linear too).
 */
export async function plannerBench(): Promise<Record<string, unknown>> {
  const sizes: Record<string, unknown>[] = [];
  for (const spokes of SIZES) {
    // A cold plan happens once per process: one sample per child, so five children per size,
    // and the median one is reported (this VM's speed swings by a third from run to run).
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < RUNS_PER_SIZE; i++) runs.push(await runChild(spokes));
    runs.sort((a, b) => (a.coldWallMs ?? 0) - (b.coldWallMs ?? 0));
    const r = runs[Math.floor(runs.length / 2)] ?? {};
    sizes.push({
      ...r,
      coldWallMsRuns: runs.map((x) => x.coldWallMs),
      coldMainThreadCpuMsRuns: runs.map((x) => x.coldMainThreadCpuMs),
      calibrationMsRuns: runs.map((x) => x.calibrationMs),
      rollbackWallMsRuns: runs.map((x) => x.rollbackWallMs),
      coldCpuMsPerSpoke: Number(((r.coldCpuMs ?? 0) / (r.spokes ?? 1)).toFixed(3)),
      warmCpuMsPerSpoke: Number(((r.warmCpuMs ?? 0) / (r.spokes ?? 1)).toFixed(3)),
    });
  }
  return {
    node: process.version,
    sizes,
    target: { spokes: 5000, maxMs: 2000, maxPeakRssMb: 1024 },
  };
}
