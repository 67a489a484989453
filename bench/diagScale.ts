import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { migrationBench } from './migrationBench';

/**
 * `node --import tsx bench/diagScale.ts <spokes> [snapshotAtSecond...]`: one scale run in this
 * process, its memory sampled every 500 ms (timeline on stderr), and a heap snapshot (of the live
 * objects: writing one collects garbage first) written to the temp directory at each second given.
 */
const [spokesArg, ...thresholds] = process.argv.slice(2).map(Number);
const mb = (n: number): number => Math.round(n / 1048576);
const pending = thresholds.filter((t) => t > 0).sort((a, b) => a - b);
const started = performance.now();
let peak = process.memoryUsage();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) peak = m;
  const seconds = Math.round((performance.now() - started) / 1000);
  process.stderr.write(
    `${seconds}s rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)}\n`,
  );
  if (pending[0] !== undefined && seconds >= pending[0]) {
    pending.shift();
    const file = path.join(tmpdir(), `scale-${spokesArg ?? 200}-${seconds}s.heapsnapshot`);
    process.stderr.write(`heap snapshot: ${writeHeapSnapshot(file)}\n`);
  }
}, 500);
migrationBench(spokesArg ?? 200, 0.02, 50).then(
  (r) => {
    clearInterval(sampler);
    const atPeak = { rss: mb(peak.rss), heap: mb(peak.heapUsed), external: mb(peak.external) };
    process.stdout.write(`${JSON.stringify({ ...r, atPeak }, null, 1)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
