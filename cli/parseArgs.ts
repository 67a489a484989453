import { EXIT } from './exitCodes';
import type { CliSpec } from './parseFlags';
import { flagValue, numberFlag, parseFlags } from './parseFlags';

export { CliError } from './CliError';

export interface CliArgs {
  topology: string;
  config?: string;
  outState?: string;
  /** write the run's report page (HTML) here */
  report?: string;
  timeScale: number;
  maxParallelSpokes?: number;
  /** after the migration, roll it back (and check IPv4 is as it was) */
  rollback: boolean;
}

export const START_SPEC: CliSpec = {
  usage:
    'npm start -- [--topology reference|FILE] [--config FILE] [--report FILE.html] [--out-state FILE] [--time-scale X] [--max-parallel-spokes N] [--rollback]',
  summary:
    'Migrates an estate to dual stack on this machine: the ARM emulator seeded with it, the plan, the run through the real orchestrators, a re-plan to verify. Progress is a live line on a terminal, plain lines otherwise.',
  options: [
    {
      flag: '--topology',
      value: 'reference|FILE',
      help: 'the estate: `reference` (default: the guide’s hub and four spokes), `generated:<spokes>x<subnets>x<nics>[@seed]`, or an exported JSON file',
      example: '--topology estate.json',
    },
    {
      flag: '--config',
      value: 'FILE',
      help: 'planner configuration (JSON); default: the most-peered VNet is the hub, every subscription in the file is in scope',
      example: '--config dualstack.json',
    },
    {
      flag: '--report',
      value: 'FILE.html',
      help: 'write the run’s report page: diagram, per-VNet table, warnings and manual actions (self-contained HTML)',
      example: '--report run.html',
    },
    {
      flag: '--out-state',
      value: 'FILE',
      help: 'write the emulator’s state as a topology file at the very end (after --rollback when given)',
      example: '--out-state after.json',
    },
    {
      flag: '--time-scale',
      value: 'X',
      help: 'multiply Azure’s per-type write latencies (default 0.001; 1 is real Azure time)',
      example: '--time-scale 0.01',
    },
    {
      flag: '--max-parallel-spokes',
      value: 'N',
      help: 'spokes migrated at once after the canary (default: the configuration’s rollout)',
      example: '--max-parallel-spokes 8',
    },
    {
      flag: '--rollback',
      help: 'after the migration, roll it all back and check IPv4 is as before and no /56 is held',
      example: '--rollback',
    },
    { flag: '--help', help: 'this text', example: 'npm start -- --help' },
  ],
  exitCodes: [
    [EXIT.ok, 'every VNet dual-stack and a re-plan finds nothing to do (with --rollback: its checks hold)'],
    [EXIT.failed, 'a blocker stopped the run, or a VNet failed'],
    [EXIT.usage, 'bad command line, topology or configuration file (the message names the option and field)'],
  ],
};

/** The command line of `npm start`; undefined for --help. */
export function parseArgs(argv: readonly string[]): CliArgs | undefined {
  const flags = parseFlags(argv, START_SPEC);
  if (!flags) return undefined;
  const optional = (flag: string, key: 'config' | 'outState' | 'report') => {
    const v = flagValue(flags, flag);
    return v === undefined ? {} : { [key]: v };
  };
  const spokes = numberFlag(flags, '--max-parallel-spokes', 1);
  return {
    topology: flagValue(flags, '--topology') ?? 'reference',
    ...optional('--config', 'config'),
    ...optional('--out-state', 'outState'),
    ...optional('--report', 'report'),
    timeScale: numberFlag(flags, '--time-scale', 0) ?? 0.001,
    ...(spokes === undefined ? {} : { maxParallelSpokes: Math.floor(spokes) }),
    rollback: flags.has('--rollback'),
  };
}
