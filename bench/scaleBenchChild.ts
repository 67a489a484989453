import { migrationBench } from './migrationBench';

/** One scale run (migration, then rollback) in a process of its own, so its peak RSS is its own: `<spokes> <timeScale> <window>`. */
const [spokes, timeScale, window] = process.argv.slice(2).map(Number);
migrationBench(spokes ?? 200, timeScale ?? 0.02, window ?? 50, { rollback: true }).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
