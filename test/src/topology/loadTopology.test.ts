import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, TopologyError } from '../../../src/topology/loadTopology';
import { referenceTopology } from '../../../estates/referenceTopology';

describe('loadTopology', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dualstack-topology-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a file in either form, with or without a byte-order mark', async () => {
    const array = join(dir, 'array.json');
    const list = join(dir, 'list.json');
    await writeFile(array, JSON.stringify(referenceTopology(), null, 2));
    await writeFile(list, `\uFEFF${JSON.stringify({ value: referenceTopology() })}`);
    await expect(loadTopology(array)).resolves.toEqual(referenceTopology());
    await expect(loadTopology(list)).resolves.toEqual(referenceTopology());
  });

  it('names the file, the resource id and the field when a resource is malformed', async () => {
    const resources = referenceTopology();
    const vnet = resources.find((r) => r.name === 'vnet-spoke-prod-1')!;
    const subnets = vnet.properties!.subnets as { properties: { addressPrefix: string } }[];
    subnets[2]!.properties.addressPrefix = '10.1.2.0/33';
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(resources));
    const error = await loadTopology(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyError);
    expect((error as TopologyError).message).toBe(
      `${file}: ${vnet.id}: properties.subnets[2].properties.addressPrefix: "10.1.2.0/33" is not a valid CIDR`,
    );
  });

  it('names the file when it is missing or not JSON', async () => {
    const missing = join(dir, 'missing.json');
    await expect(loadTopology(missing)).rejects.toThrow(
      new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read the topology file: ENOENT`),
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '[{"id": ');
    const error = await loadTopology(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyError);
    expect((error as TopologyError).message).toMatch(/broken\.json: .*not valid JSON/);
  });
});
