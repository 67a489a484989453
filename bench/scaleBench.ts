import type { MigrationBenchResult } from './migrationBench';
import { runJsonChild } from './runJsonChild';

/** Azure time × 0.02: the 1,000-spoke run's ~5,000 s of serial hub syncs take ~100 s. */
export const SCALE_TIME_SCALE = 0.02;
export const SCALE_SIZES = [200, 1000];
const WINDOW = 50;

function runChild(spokes: number): Promise<MigrationBenchResult> {
  return runJsonChild('scaleBenchChild.ts', [spokes, SCALE_TIME_SCALE, WINDOW], {
    what: `scale bench at ${spokes} spokes`,
  });
}

/**
 * Generated estates of 200 and 1,000 spokes migrated through the real orchestrators on the
 * local durable host, the emulator in a process of its own, each size in a fresh process (its
 * peak RSS is the app's alone). Targets: no history grows with the estate, < 1 GB at 1,000.
 */
export async function scaleBench(): Promise<Record<string, unknown>> {
  const runs: MigrationBenchResult[] = [];
  for (const spokes of SCALE_SIZES) runs.push(await runChild(spokes));
  const growth: Record<string, { events: number; bytes: number }> = {};
  const [small, large] = runs;
  const ratio = (a: number, b: number): number => Number((a / Math.max(1, b)).toFixed(2));
  for (const h of large?.mostEvents ?? []) {
    const before = small?.mostEvents.find((x) => x.name === h.name);
    const bytes = large?.histories.find((x) => x.name === h.name)?.bytes ?? 0;
    const bytesBefore = small?.histories.find((x) => x.name === h.name)?.bytes ?? 0;
    if (before) growth[h.name] = { events: ratio(h.events, before.events), bytes: ratio(bytes, bytesBefore) };
  }
  return {
    node: process.version,
    timeScale: SCALE_TIME_SCALE,
    maxParallelSpokes: WINDOW,
    runs,
    /** per orchestrator, its most events and its most bytes at 1,000 spokes ÷ at 200 (1 = flat; 5 = linear) */
    historyGrowth: growth,
    target: { maxPeakRssMb: 1024, historyGrowth: 1 },
  };
}
