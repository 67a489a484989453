import { parseArgs } from 'node:util';
import { CliError } from './parseArgs';

export interface ServeArgs {
  topology: string;
  config?: string;
  /** the app's port; 0 picks a free one */
  port: number;
  /** the ARM emulator's port; 0 (default) picks a free one */
  emulatorPort: number;
  /** multiplies Azure's per-type write latencies in the emulator */
  timeScale: number;
  /** print the usage and exit 0 */
  help: boolean;
}

export const SERVE_USAGE = `usage: npm run serve -- [--topology reference|FILE] [--config FILE] [--port 7071] [--emulator-port N] [--time-scale X]
  --topology       the estate the emulator starts with: 'reference' (default) or an ARM export (JSON array or {"value": [...]})
  --config         planner configuration (JSON); default: the most-peered VNet is the hub, every subscription is in scope
  --port           the Functions app's port on 127.0.0.1 (default 7071, as func start; 0 picks a free one)
  --emulator-port  the ARM emulator's HTTPS port (default: a free one)
  --time-scale     multiplies Azure's write latencies in the emulator (default 0.001; 1 is as slow as Azure)
example: npm run serve -- --topology reference --port 7071`;

function numberOption(flag: string, text: string | undefined, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n > 65535)))
    throw new CliError(
      `${flag}: '${text}' is not ${integer ? 'a port number (0-65535)' : 'a number ≥ 0'}`,
      SERVE_USAGE,
    );
  return n;
}

/** `npm run serve` options; a bad one is a CliError naming it. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        topology: { type: 'string' },
        config: { type: 'string' },
        port: { type: 'string' },
        'emulator-port': { type: 'string' },
        'time-scale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliError((error as Error).message, SERVE_USAGE);
  }
  return {
    topology: values.topology ?? 'reference',
    ...(values.config !== undefined ? { config: values.config } : {}),
    port: numberOption('--port', values.port, 7071, true),
    emulatorPort: numberOption('--emulator-port', values['emulator-port'], 0, true),
    timeScale: numberOption('--time-scale', values['time-scale'], 0.001, false),
    help: values.help ?? false,
  };
}
