import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ArmResource } from '../../src/arm/ArmResource';
import { ipv4Differences } from '../../src/planner/ipv4Fingerprint';
import { referenceTopology } from '../../estates/referenceTopology';
import { startEmulator } from '../../emulator/startEmulator';
import { START_SPEC } from '../../cli/parseArgs';
import { spawnCli } from '../helpers/spawnCli';

/** `npm start -- <args>` as a user runs it: the real entry point in its own process, stdout a pipe. */
const npmStart = (args: string[]) => spawnCli('cli/main.ts', args);

async function readState(file: string): Promise<ArmResource[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { value: ArmResource[] }).value;
}

/** Every IPv6 address or prefix a resource's JSON holds, sorted. */
function ipv6Of(resource: ArmResource): string[] {
  return (JSON.stringify(resource).match(/"[0-9a-f]{0,4}:[0-9a-f:]*:[0-9a-f:]*(\/\d+)?"/gi) ?? []).sort();
}

const byId = (resources: ArmResource[]): Map<string, ArmResource> =>
  new Map(resources.map((r) => [r.id.toLowerCase(), r]));

/**
 * The reference estate plus a lab VNet that someone made dual-stack by hand before Dualstack ran
 * (not peered to the hub, so no run touches it): its IPv6 must come through a migration and a
 * rollback as it was.
 */
function estateWithPreexistingIpv6(): ArmResource[] {
  const estate = referenceTopology();
  const spoke = estate.find(
    (r) => r.type === 'Microsoft.Network/virtualNetworks' && r.name === 'vnet-spoke-prod-1',
  );
  if (!spoke) throw new Error('the reference estate has no vnet-spoke-prod-1');
  const lab = JSON.parse(
    JSON.stringify(spoke).replaceAll('vnet-spoke-prod-1', 'vnet-lab').replaceAll('10.1.', '10.99.'),
  ) as ArmResource & { properties: { addressSpace: { addressPrefixes: string[] }; subnets: any[] } };
  lab.properties.virtualNetworkPeerings = [];
  lab.properties.addressSpace.addressPrefixes.push('fd12:3456:789a:100::/56');
  lab.properties.subnets = lab.properties.subnets.map((s: any, i: number) => ({
    ...s,
    properties: { addressPrefixes: [s.properties.addressPrefix, `fd12:3456:789a:10${i}::/64`] },
  }));
  return [...estate, lab];
}

describe('npm start (cli/main.ts)', () => {
  it('--help explains every option with an example and exits 0; a bad option exits 64 naming it', async () => {
    const [help, bad] = await Promise.all([npmStart(['--help']), npmStart(['--time-scale', 'fast'])]);
    expect(help.code).toBe(0);
    for (const o of START_SPEC.options) expect(help.stdout).toContain(`  ${o.flag}`);
    expect(help.stdout.match(/ e\.g\. /g)).toHaveLength(START_SPEC.options.length);
    expect(bad).toMatchObject({ code: 64, stdout: '' });
    expect(bad.stderr).toMatch(/^--time-scale: 'fast' is not a number ≥ 0/);
  });

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dualstack-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on an estate that is already dual-stack, with and without --rollback (#14)', async () => {
    const migrated = path.join(dir, 'migrated.json');
    const report = path.join(dir, 'run.html');
    const first = await npmStart(['--out-state', migrated, '--report', report]);
    expect(first.stdout).toContain('result: succeeded');
    expect(first.code).toBe(0);
    // Not a terminal: plain progress lines (one per VNet finished), no carriage returns or escapes.
    const progress = first.stdout.match(/^progress: .*$/gm) ?? [];
    expect(progress).toHaveLength(5);
    expect(progress[4]).toMatch(
      /^progress: 5\/5 VNets · ([1-9]\d*)\/\1 steps · [1-9]\d* writes · \d+\.\d s$/,
    );
    expect(first.stdout).not.toContain('\r');
    expect(first.stdout).not.toContain('\u001b');
    const page = await readFile(report, 'utf8');
    expect(page.match(/<g class="node dualStack"/g)).toHaveLength(5);
    expect(page).toMatch(
      /Migration succeeded: [1-9]\d* resource\(s\) changed, 0 step\(s\) failed\. Re-planning finds 0 step\(s\) left\./,
    );

    const again = await npmStart(['--topology', migrated]);
    expect(again.stdout).toMatch(/result: noChanges; 0 resources changed, 0 failed/);
    expect(again.stdout).toContain('re-planning finds 0 step(s) left');
    expect(again.code).toBe(0);

    // A fresh ledger holds no /56 for this estate, so there is nothing Dualstack may take back: a clean state.
    const rollback = await npmStart(['--topology', migrated, '--rollback']);
    expect(rollback.stdout).toMatch(/rollback: noChanges; 0 resources changed, 0 failed/);
    expect(rollback.stdout).toContain('IPv4 differs from before the migration on 0 resource(s)');
    expect(rollback.code).toBe(0);
  }, 180_000);

  it('writes --out-state after the rollback: IPv4 as it started, no IPv6 Dualstack added, pre-existing IPv6 kept (#18)', async () => {
    const start = estateWithPreexistingIpv6();
    const topology = path.join(dir, 'start.json');
    const after = path.join(dir, 'after-rollback.json');
    await writeFile(topology, JSON.stringify(start));
    const run = await npmStart(['--topology', topology, '--rollback', '--out-state', after]);
    expect(run.stdout).toMatch(/result: succeeded; [1-9]\d* resources changed/);
    expect(run.stdout).toMatch(/rollback: succeeded; [1-9]\d* resources changed, 0 failed/);
    expect(run.code).toBe(0);
    // The state is written once, last.
    expect(run.stdout.indexOf('final state written')).toBeGreaterThan(
      run.stdout.indexOf('rollback: succeeded'),
    );

    // The estate as ARM shows it (read-only back-references filled in), which is what the command starts from.
    const emulator = await startEmulator({ topology: start, throttling: false });
    const seeded = emulator.dump();
    await emulator.stop();
    const final = byId(await readState(after));
    expect([...final.keys()].sort()).toEqual(seeded.map((r) => r.id.toLowerCase()).sort());
    for (const before of seeded) {
      const now = final.get(before.id.toLowerCase())!;
      expect({ id: before.id, ipv4: ipv4Differences(before, now) }).toEqual({ id: before.id, ipv4: [] });
      expect({ id: before.id, ipv6: ipv6Of(now) }).toEqual({ id: before.id, ipv6: ipv6Of(before) });
    }
    const lab = [...final.values()].find((r) => r.name === 'vnet-lab')!;
    expect(ipv6Of(lab)).toEqual(
      expect.arrayContaining(['"fd12:3456:789a:100::/56"', '"fd12:3456:789a:100::/64"']),
    );
  }, 180_000);
});
