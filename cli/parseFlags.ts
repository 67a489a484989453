import { CliError } from './CliError';

export interface CliOption {
  flag: string;
  /** the value's placeholder (FILE, N…); none for a switch */
  value?: string;
  help: string;
  example: string;
}

/** A command's options and what --help says about it. */
export interface CliSpec {
  usage: string;
  summary: string;
  options: CliOption[];
  exitCodes: [code: number, meaning: string][];
}

export type Flags = Map<string, string | true>;

/**
 * The options given, by flag (a value, or true for a switch); `--help`/`-h` alone gives
 * undefined. Every problem is a CliError naming the flag.
 */
export function parseFlags(argv: readonly string[], spec: CliSpec): Flags | undefined {
  if (argv.some((a) => a === '--help' || a === '-h')) return undefined;
  const flags: Flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const option = spec.options.find((o) => o.flag === flag);
    if (!option) throw new CliError(`${flag}: unknown option (see --help)`);
    if (option.value === undefined) {
      flags.set(flag, true);
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('--'))
      throw new CliError(`${flag}: a value is required (${option.value})`);
    flags.set(flag, value);
  }
  return flags;
}

/** A flag's value when given (undefined for a switch or an absent flag). */
export function flagValue(flags: Flags, flag: string): string | undefined {
  const v = flags.get(flag);
  return typeof v === 'string' ? v : undefined;
}

/** A numeric flag's value, at least `min`, or undefined when absent. */
export function numberFlag(flags: Flags, flag: string, min: number): number | undefined {
  const text = flagValue(flags, flag);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min)
    throw new CliError(`${flag}: '${text}' is not a number ≥ ${min}`);
  return n;
}

/** One of `choices`, or undefined when absent. */
export function choiceFlag<T extends string>(
  flags: Flags,
  flag: string,
  choices: readonly T[],
): T | undefined {
  const text = flagValue(flags, flag);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new CliError(`${flag}: '${text}' is not one of ${choices.join(', ')}`);
  return text as T;
}
