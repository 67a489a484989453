import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NetworkManagementClient } from '@azure/arm-network';
import type { ArmResource } from '../../src/arm/ArmResource';
import { parseResourceId } from '../../src/arm/resourceId';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { emulatorCredential } from '../../emulator/emulatorCredential';
import { armRequest } from './emulatorTestKit';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run emulator (emulator/cli.ts)', () => {
  it('serves the reference topology until SIGTERM and prints exactly the listening line', async () => {
    const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'emu-')), 'ca.pem');
    const child = spawn(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['emulator/cli.ts', '--port', '0', '--topology', 'reference', '--page-size', '3', '--ca-out', caFile],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        child.on('exit', () => reject(new Error(`emulator exited before listening: ${out}`)));
      });
      expect(line).toMatch(/^listening on https:\/\/127\.0\.0\.1:\d+$/);
      const endpoint = line.replace('listening on ', '');
      const ca = readFileSync(caFile, 'utf8');
      const handleLike = { endpoint, ca } as EmulatorHandle;
      const dump = (await armRequest(handleLike, 'GET', '/__emulator/dump')).body as ArmResource[];
      const vnets = dump.filter((r) => r.type === 'Microsoft.Network/virtualNetworks');
      expect(vnets.length).toBeGreaterThanOrEqual(5);
      const first = parseResourceId(vnets[0]!.id)!;
      const client = new NetworkManagementClient(emulatorCredential(), first.subscriptionId, {
        endpoint,
        tlsOptions: { ca },
      });
      const listed: string[] = [];
      for await (const v of client.virtualNetworks.listAll()) listed.push(v.id ?? '');
      expect(listed.sort()).toEqual(vnets.map((v) => v.id).sort());
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses a topology file with a malformed resource, naming the resource id and the field', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emu-')), 'bad.json');
    const id = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/bad';
    const bad = {
      id,
      name: 'bad',
      type: 'Microsoft.Network/virtualNetworks',
      location: 'westeurope',
      properties: { addressSpace: { addressPrefixes: ['10.0.0.0/33'] } },
    };
    writeFileSync(file, JSON.stringify({ value: [bad] }));
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['emulator/cli.ts', '--topology', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(id);
    expect(stderr).toContain('properties.addressSpace.addressPrefixes[0]');
  });
});
