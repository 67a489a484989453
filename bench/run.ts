import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrationBench } from './migrationBench';
import { scaleBench } from './scaleBench';

/**
 * `npm run bench`: figures, not pass/fail. Each section prints one JSON object so
 * runs can be compared by eye or by script.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'planner') {
    const plannerModule = path.join(__dirname, 'plannerBench.ts');
    if (existsSync(plannerModule)) {
      const { plannerBench } = (await import('./plannerBench')) as { plannerBench: () => Promise<unknown> };
      process.stdout.write(`planner ${JSON.stringify(await plannerBench(), null, 2)}\n`);
    }
  }
  if (!only || only === 'migration') {
    // Three runs each: the local host shares two cores with the emulator, so one run can be unlucky.
    for (const parallel of [50, 4]) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await migrationBench(50, 0.05, parallel));
      runs.sort((a, b) => a.makespanMs - b.makespanMs);
      const figures = { ...runs[1], makespanToLowerBoundRuns: runs.map((r) => r.makespanToLowerBound) };
      process.stdout.write(
        `migration (maxParallelSpokes ${parallel}, median of 3) ${JSON.stringify(figures, null, 2)}\n`,
      );
    }
  }
  if (!only || only === 'scale')
    process.stdout.write(`scale ${JSON.stringify(await scaleBench(), null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
