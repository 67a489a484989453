import { execFileSync } from 'node:child_process';
import type { ArmResource } from '../../src/arm/ArmResource';
import { sameId } from '../../src/arm/resourceId';
import { getResource } from '../../src/azure/getResource';
import type { NetworkClients } from '../../src/azure/networkClient';
import { networkClients } from '../../src/azure/networkClient';
import { putResource } from '../../src/azure/putResource';
import { DEFAULT_PRINCIPAL_ID, emulatorCredential } from '../../emulator/emulatorCredential';
import type { EmulatorProcessHandle } from '../../emulator/startEmulatorProcess';
import { startEmulatorProcess } from '../../emulator/startEmulatorProcess';
import { generateEstate } from '../../estates/generateEstate';

// A child process that loads TypeScript through tsx takes seconds on a busy machine.
jest.setTimeout(30_000);

const topology = generateEstate({ spokes: 1, subnetsPerSpoke: 1, nicsPerSubnet: 1, seed: 1 });

function seeded(type: string, namePrefix: string): ArmResource {
  const found = topology.find((r) => r.type === type && r.name?.startsWith(namePrefix));
  if (!found) throw new Error(`the generated estate has no ${type} named ${namePrefix}*`);
  return found;
}

const spokeVnet = seeded('Microsoft.Network/virtualNetworks', 'vnet-spoke-');
const spokeRouteTable = seeded('Microsoft.Network/routeTables', 'rt-');

/** Process ids of this process's children that run the emulator (`ps -A` reads the same on Linux and macOS). */
function emulatorChildren(): number[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m) => m !== null && Number(m[2]) === process.pid && m[3]?.includes('emulatorProcessMain'))
    .map((m) => Number(m?.[1]));
}

/** Until the parent reaps it, an exited child is still there (a zombie). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let handle: EmulatorProcessHandle;
let clients: NetworkClients;

beforeAll(async () => {
  handle = await startEmulatorProcess({ topology, timeScale: 0 });
  clients = networkClients({
    credential: emulatorCredential(),
    armEndpoint: handle.endpoint,
    tlsCa: handle.ca,
    retryOptions: { maxRetries: 0 },
  });
});

afterAll(() => handle.stop());

describe('the emulator in a process of its own', () => {
  it('serves the topology it was seeded with through the real SDK', async () => {
    const vnet = await getResource(clients, spokeVnet.id);

    expect(sameId(vnet.id, spokeVnet.id)).toBe(true);
    expect(vnet.properties?.addressSpace).toEqual(spokeVnet.properties?.addressSpace);
  });

  it("reports the SDK's writes in its write log", async () => {
    const before = await getResource(clients, spokeRouteTable.id);
    const tags = { ...before.tags, probe: 'startEmulatorProcess' };

    const written = await putResource(clients, { ...before, tags }, { updateIntervalInMs: 5 });

    expect(written.tags).toEqual(tags);
    expect((await getResource(clients, spokeRouteTable.id)).tags).toEqual(tags);
    const log = await handle.writeLog();
    expect(log.filter((e) => sameId(e.resourceId, spokeRouteTable.id))).toEqual([
      expect.objectContaining({ method: 'PUT', status: 200, principalId: DEFAULT_PRINCIPAL_ID }),
    ]);
  });

  it('stops the child, and a second stop is harmless', async () => {
    const children = emulatorChildren();
    expect(children).toHaveLength(1);
    const [child] = children as [number];

    // Two stops at once share one shutdown, and both end only once the child is gone.
    await Promise.all([handle.stop(), handle.stop()]);
    expect(exists(child)).toBe(false);

    await expect(handle.stop()).resolves.toBeUndefined();
    await expect(getResource(clients, spokeVnet.id)).rejects.toMatchObject({ retryable: true });
  });
});
