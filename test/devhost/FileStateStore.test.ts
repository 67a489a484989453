import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStateStore } from '../../devhost/FileStateStore';

describe('FileStateStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devhost-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps one file per instance, replaced in place, with no temporary files left behind', async () => {
    const store = new FileStateStore(dir);
    await store.save('run/1', JSON.stringify({ instanceId: 'run/1', v: 1 }));
    await Promise.all([2, 3, 4].map((v) => store.save('run/1', JSON.stringify({ instanceId: 'run/1', v }))));
    await store.save('other', JSON.stringify({ instanceId: 'other', v: 9 }));

    expect((await readdir(dir)).sort()).toEqual(['other.json', 'run%2F1.json']);
    const loaded = (await store.loadAll()) as unknown as Array<{ instanceId: string; v: number }>;
    expect(loaded.map((r) => r.instanceId).sort()).toEqual(['other', 'run/1']);

    await store.remove('run/1');
    expect(await readdir(dir)).toEqual(['other.json']);
  });

  it('names the file that does not hold a valid record', async () => {
    await writeFile(join(dir, 'broken.json'), '{ not json', 'utf8');
    await expect(new FileStateStore(dir).loadAll()).rejects.toThrow(
      /broken\.json is not a valid instance record/,
    );
  });

  it('rejects an empty directory path', () => {
    expect(() => new FileStateStore('')).toThrow(/stateDir/);
  });
});
