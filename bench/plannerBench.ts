import { execFile } from 'node:child_process';
import path from 'node:path';

const SIZES = [100, 1000, 5000];

function runChild(spokes: number): Promise<Record<string, number>> {
  const root = path.join(__dirname, '..');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'plannerBenchChild.ts'), String(spokes)],
      { cwd: root, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`planner bench at ${spokes} spokes failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>);
      },
    );
  });
}

/**
 * Planning time and memory for generated estates of 100, 1,000 and 5,000 spokes (3 subnets,
 * 3 NICs each), one child process per size for a clean peak RSS. Target: < 2 s and < 1 GB at
 * 5,000 spokes, time linear in size (cpuMsPerSpoke roughly flat).
 */
export async function plannerBench(): Promise<Record<string, unknown>> {
  const runs: Record<string, number>[] = [];
  for (const spokes of SIZES) runs.push(await runChild(spokes));
  return {
    sizes: runs.map((r) => ({
      ...r,
      coldCpuMsPerSpoke: Number(((r.coldCpuMs ?? 0) / (r.spokes ?? 1)).toFixed(3)),
      warmCpuMsPerSpoke: Number(((r.warmCpuMs ?? 0) / (r.spokes ?? 1)).toFixed(3)),
    })),
    target: { spokes: 5000, maxMs: 2000, maxPeakRssMb: 1024 },
  };
}
