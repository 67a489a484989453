import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../cli/CliError';
import { PLAN_SPEC, parsePlanArgs } from '../../cli/parsePlanArgs';
import type { ArmResource } from '../../src/arm/ArmResource';
import { planDualStack } from '../../src/planner/planDualStack';
import { spawnCli } from '../helpers/spawnCli';
import { applyPlanToSnapshot } from '../src/planner/fixtures/applyPlanToSnapshot';
import { HUB_ID, SUB, smallConfig, smallEstate } from '../src/planner/fixtures/smallTopology';

const plan = (...args: string[]) => spawnCli('cli/plan.ts', args);

/** As ARM GET returns them, every child the plan added carries its id (the snapshot fixture leaves them out). */
function withChildIds(resources: ArmResource[]): ArmResource[] {
  for (const r of resources)
    for (const [collection, children] of Object.entries(r.properties ?? {}))
      if (Array.isArray(children))
        for (const c of children as { id?: string; name?: unknown }[])
          if (c && typeof c.name === 'string' && c.id === undefined) c.id = `${r.id}/${collection}/${c.name}`;
  return resources;
}

describe('npm run plan (the CLI entry point, spawned)', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const estate = smallEstate({ spokes: 2 });
  const expected = planDualStack(estate, smallConfig());

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dualstack-plan-'));
    const blocked = structuredClone(estate);
    const spoke1 = blocked.find((r) => r.name === 'spoke1') as ArmResource;
    (spoke1.properties?.subnets as unknown[]).push({
      id: `${spoke1.id}/subnets/RouteServerSubnet`,
      name: 'RouteServerSubnet',
      properties: { addressPrefix: '10.1.2.0/27' },
    });
    const badCidr = structuredClone(estate);
    const hub = badCidr.find((r) => r.name === 'hub') as ArmResource;
    (hub.properties as { addressSpace: { addressPrefixes: string[] } }).addressSpace.addressPrefixes = [
      '10.0.0.0/33',
    ];
    await Promise.all([
      writeFile(file('estate.json'), JSON.stringify({ value: estate })),
      writeFile(file('converged.json'), JSON.stringify(withChildIds(applyPlanToSnapshot(estate, expected)))),
      writeFile(file('blocked.json'), JSON.stringify(blocked)),
      writeFile(file('bad-cidr.json'), JSON.stringify(badCidr)),
      writeFile(
        file('config.json'),
        JSON.stringify({ hubVnetId: HUB_ID, scope: { subscriptions: [SUB] }, ipv6Pool: 'fd00:1::/48' }),
      ),
      writeFile(file('bad-config.json'), JSON.stringify({ hubVnetId: HUB_ID, ipv6Pool: '10.0.0.0/8' })),
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exit 2 with changes: terminal and JSON on stdout, Markdown and HTML to --out, all the planner’s plan', async () => {
    const cfg = ['--topology', file('estate.json'), '--config', file('config.json')];
    const [terminal, json, markdown, html] = await Promise.all([
      plan(...cfg),
      plan(...cfg, '--format', 'json'),
      plan(...cfg, '--format', 'markdown', '--out', file('plan.md')),
      plan(...cfg, '--format', 'html', '--out', file('plan.html')),
    ]);
    for (const run of [terminal, json, markdown, html]) expect(run).toMatchObject({ code: 2, stderr: '' });
    expect(terminal.stdout).toContain(
      `${expected.steps.length} steps · 3 VNets · pool fd00:1::/48 · 0 blockers`,
    );
    expect(JSON.parse(json.stdout)).toEqual({
      $schema: expect.any(String),
      ...JSON.parse(JSON.stringify(expected)),
    });
    expect(markdown.stdout).toBe(
      `plan written to ${file('plan.md')} (markdown): ${expected.steps.length} steps over 3 VNets, 0 blockers\n`,
    );
    const md = await readFile(file('plan.md'), 'utf8');
    expect(md).toMatch(/^# Dual-stack plan\n/);
    expect(md).toContain('| IPv4 unchanged |');
    expect(md).not.toContain('✗');
    const page = await readFile(file('plan.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/<g class="node planned"/g)).toHaveLength(3);
    expect(page.match(/<tr class="planned"/g)).toHaveLength(3);
  });

  it('exit 0 when there is nothing to do, 1 with blockers', async () => {
    const [converged, blocked] = await Promise.all([
      plan('--topology', file('converged.json'), '--config', file('config.json')),
      plan('--topology', file('blocked.json'), '--config', file('config.json'), '--format', 'markdown'),
    ]);
    expect(converged.code).toBe(0);
    expect(converged.stdout).toContain('0 steps · 3 VNets');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('**RouteServerPresent**');
  });

  it('exit 64 for a bad command line, topology or configuration, naming the option and field', async () => {
    const runs = await Promise.all([
      plan('--topology', file('estate.json'), '--detailed'),
      plan('--topology', file('bad-cidr.json')),
      plan('--topology', file('estate.json'), '--config', file('bad-config.json')),
    ]);
    expect(runs.map((r) => [r.code, r.stdout])).toEqual([
      [64, ''],
      [64, ''],
      [64, ''],
    ]);
    const [option, topology, config] = runs.map((r) => r.stderr);
    expect(option).toMatch(/^--detailed: unknown option/);
    expect(topology).toMatch(
      /^--topology .*bad-cidr\.json: .*\/virtualNetworks\/hub: properties\.addressSpace\.addressPrefixes\[0\]: .*not a valid CIDR/,
    );
    expect(config).toMatch(/^--config .*bad-config\.json: .*ipv6Pool/s);
  });

  it.each([
    [['--topology'], /^--topology: a value is required/],
    [['--config', 'x.json'], /^--topology: required/],
    [
      ['--topology', 'e.json', '--format', 'pdf'],
      /^--format: 'pdf' is not one of terminal, markdown, json, html/,
    ],
    [['--topology', 'e.json', '--out', '--format', 'json'], /^--out: a value is required/],
  ])('parsePlanArgs refuses %j naming the option', (args, message) => {
    expect(() => parsePlanArgs(args)).toThrow(CliError);
    expect(() => parsePlanArgs(args)).toThrow(message);
  });

  it('--help explains every option with an example and the exit statuses, exit 0', async () => {
    const help = await plan('--help');
    expect(help.code).toBe(0);
    for (const o of PLAN_SPEC.options) expect(help.stdout).toContain(o.flag);
    expect(help.stdout.match(/ e\.g\. /g)).toHaveLength(PLAN_SPEC.options.length);
    expect(help.stdout).toMatch(/^\s+2 {2}changes to make/m);
    expect(help.stdout).toMatch(/^\s+64 {2}bad command line/m);
  });
});
