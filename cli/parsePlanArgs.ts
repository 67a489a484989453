import { CliError } from './CliError';
import { EXIT } from './exitCodes';
import type { CliSpec } from './parseFlags';
import { choiceFlag, flagValue, parseFlags } from './parseFlags';

export const PLAN_FORMATS = ['terminal', 'markdown', 'json', 'html'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanArgs {
  topology: string;
  config?: string;
  format: PlanFormat;
  out?: string;
}

export const PLAN_SPEC: CliSpec = {
  usage:
    'npm run plan -- --topology FILE [--config FILE] [--format terminal|markdown|json|html] [--out FILE]',
  summary:
    'Plans an exported estate offline, as `terraform plan` does: the same planner a run uses, nothing migrated, nothing written to Azure.',
  options: [
    {
      flag: '--topology',
      value: 'FILE',
      help: 'the estate: a JSON array, { "value": [...] } or { "data": [...] } of ARM resources (Resource Graph or az export); or `reference`',
      example:
        '--topology estate.json   (az graph query -q "resources | where type startswith \'microsoft.network/\'" --first 1000 > estate.json)',
    },
    {
      flag: '--config',
      value: 'FILE',
      help: 'planner configuration (JSON, src/planner/config/dualStackConfig.schema.json); default: the most-peered VNet is the hub, every subscription in the file is in scope',
      example:
        '--config dualstack.json   ({"hubVnetId": "/subscriptions/…/virtualNetworks/vnet-hub", "ipv6Pool": "2001:db8:1200::/48"})',
    },
    {
      flag: '--format',
      value: 'FORMAT',
      help: 'terminal (default): a step table; markdown: for a pull request; json: the plan (plan.schema.json); html: a self-contained report page',
      example: '--format html --out plan.html',
    },
    {
      flag: '--out',
      value: 'FILE',
      help: 'write the plan to FILE instead of stdout (a one-line summary is printed)',
      example: '--format json --out plan.json',
    },
    { flag: '--help', help: 'this text', example: 'npm run plan -- --help' },
  ],
  exitCodes: [
    [EXIT.ok, 'nothing to do: every VNet in scope is dual-stack'],
    [EXIT.failed, 'blockers: nothing can run until they are fixed (the plan lists them)'],
    [EXIT.changes, 'changes to make (like terraform plan -detailed-exitcode)'],
    [EXIT.usage, 'bad command line, topology or configuration file (the message names the option and field)'],
  ],
};

/** The command line of `npm run plan`; undefined for --help. */
export function parsePlanArgs(argv: readonly string[]): PlanArgs | undefined {
  const flags = parseFlags(argv, PLAN_SPEC);
  if (!flags) return undefined;
  const topology = flagValue(flags, '--topology');
  if (!topology) throw new CliError('--topology: required (the exported estate, a JSON file)');
  const config = flagValue(flags, '--config');
  const out = flagValue(flags, '--out');
  return {
    topology,
    format: choiceFlag(flags, '--format', PLAN_FORMATS) ?? 'terminal',
    ...(config ? { config } : {}),
    ...(out ? { out } : {}),
  };
}
