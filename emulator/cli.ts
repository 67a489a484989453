import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEstate } from '../estates/loadEstate';
import type { EmulatorOptions, FaultRule } from './EmulatorOptions';
import { startEmulator } from './startEmulator';

const USAGE = `usage: npm run emulator -- [--port N] [--topology reference|FILE] [--time-scale X] [--faults JSON|FILE]
                            [--rbac FILE] [--page-size N] [--seed N] [--no-throttling] [--event-webhook URL]...
                            [--ca-out FILE]   (writes the certificate PEM for clients' tlsOptions.ca)`;

/** A bad command line: the usage text helps; for anything else (a bad topology) it is noise. */
class UsageError extends Error {}

/** A JSON value given inline or as a file path. */
function jsonArg(value: string, flag: string): unknown {
  const text =
    value.trim().startsWith('[') || value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${flag}: not valid JSON (${(e as Error).message})`);
  }
}

function numberArg(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag}: expected a non-negative number, got '${value}'`);
  return n;
}

const OPTIONS = {
  port: { type: 'string' },
  topology: { type: 'string' },
  'time-scale': { type: 'string' },
  faults: { type: 'string' },
  rbac: { type: 'string' },
  'page-size': { type: 'string' },
  seed: { type: 'string' },
  'no-throttling': { type: 'boolean' },
  'event-webhook': { type: 'string', multiple: true },
  'ca-out': { type: 'string' },
  help: { type: 'boolean' },
} as const;

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values } = parsed;

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options: EmulatorOptions = {};
  const port = numberArg(values.port, '--port');
  if (port !== undefined) options.port = port;
  const timeScale = numberArg(values['time-scale'], '--time-scale');
  if (timeScale !== undefined) options.timeScale = timeScale;
  const pageSize = numberArg(values['page-size'], '--page-size');
  if (pageSize !== undefined) options.pageSize = pageSize;
  const seed = numberArg(values.seed, '--seed');
  if (seed !== undefined) options.seed = seed;
  if (values['no-throttling']) options.throttling = false;
  if (values['event-webhook']) options.eventWebhooks = values['event-webhook'];
  if (values.faults) {
    const faults = jsonArg(values.faults, '--faults');
    if (!Array.isArray(faults)) throw new UsageError('--faults: expected a JSON array of fault rules');
    options.faults = faults as FaultRule[];
  }
  if (values.rbac) {
    const rbac = jsonArg(values.rbac, '--rbac');
    if (typeof rbac !== 'object' || rbac === null || Array.isArray(rbac)) {
      throw new UsageError('--rbac: expected a JSON object mapping principal ids to allowed actions');
    }
    options.rbac = rbac as Record<string, string[]>;
  }
  if (values.topology) options.topology = await loadEstate(values.topology);

  const handle = await startEmulator(options);
  if (values['ca-out']) writeFileSync(values['ca-out'], handle.ca);
  process.stdout.write(`listening on ${handle.endpoint}\n`);
  const stop = (): void => {
    void handle.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${(e as Error).message}\n${e instanceof UsageError ? `${USAGE}\n` : ''}`);
  process.exit(1);
});
