import { ConfigError } from '../src/planner/config/ConfigError';
import { PlanInputError } from '../src/planner/PlanInputError';
import { TopologyError } from '../src/topology/TopologyError';
import { CliError } from './CliError';
import { EXIT } from './exitCodes';
import { helpText } from './helpText';
import type { CliSpec } from './parseFlags';

/** Input the user can fix: exit 64 with the message, which names the option or the file and field. */
export function isUsageError(error: unknown): error is Error {
  return (
    error instanceof CliError ||
    error instanceof TopologyError ||
    error instanceof ConfigError ||
    error instanceof PlanInputError
  );
}

/**
 * Runs a command's main and exits with its status: `undefined` from main means --help was asked
 * for (printed, exit 0); a usage error prints its message and exits 64; anything else is 1.
 */
export function runCli(spec: CliSpec, main: () => Promise<number | undefined>): void {
  // Exit once stdout is flushed (a plan piped to a file can be megabytes), whatever handles linger.
  const exit = (code: number): void => void process.stdout.write('', () => process.exit(code));
  main().then(
    (code) => {
      if (code === undefined) process.stdout.write(helpText(spec));
      exit(code ?? EXIT.ok);
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${message}\n`);
      exit(isUsageError(error) ? EXIT.usage : EXIT.failed);
    },
  );
}
