export interface CliArgs {
  topology: string;
  config?: string;
  outState?: string;
  timeScale: number;
  maxParallelSpokes?: number;
  /** after the migration, roll it back (and check IPv4 is as it was) */
  rollback: boolean;
}

const USAGE =
  'usage: npm start -- [--topology reference|FILE] [--config FILE] [--out-state FILE] [--time-scale X] [--max-parallel-spokes N] [--rollback]';

/** A CLI error names the flag at fault and prints the usage (none: '') of the command; nothing runs. */
export class CliError extends Error {
  constructor(message: string, usage = USAGE) {
    super(usage ? `${message}\n${usage}` : message);
    this.name = 'CliError';
  }
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { topology: 'reference', timeScale: 0.001, rollback: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${flag}: a value is required`);
      return v;
    };
    const number = (min: number): number => {
      const text = value();
      const n = Number(text);
      if (!Number.isFinite(n) || n < min) throw new CliError(`${flag}: '${text}' is not a number ≥ ${min}`);
      return n;
    };
    switch (flag) {
      case '--topology':
        args.topology = value();
        break;
      case '--config':
        args.config = value();
        break;
      case '--out-state':
        args.outState = value();
        break;
      case '--time-scale':
        args.timeScale = number(0);
        break;
      case '--max-parallel-spokes':
        args.maxParallelSpokes = Math.floor(number(1));
        break;
      case '--rollback':
        args.rollback = true;
        break;
      case '--help':
      case '-h':
        throw new CliError('');
      default:
        throw new CliError(`${flag}: unknown option`);
    }
  }
  return args;
}
