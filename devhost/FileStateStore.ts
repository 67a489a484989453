import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StateStore, StoredRecord } from './StateStore';

const SUFFIX = '.json';

/** One JSON file per instance in `dir`, replaced atomically (write a temp file, then rename over the old one). */
export class FileStateStore implements StateStore {
  readonly dir: string;
  #tempCounter = 0;

  constructor(dir: string) {
    if (!dir) {
      throw new TypeError('stateDir must be a non-empty path');
    }
    this.dir = dir;
  }

  #fileOf(instanceId: string): string {
    return join(this.dir, `${encodeURIComponent(instanceId)}${SUFFIX}`);
  }

  async loadAll(): Promise<StoredRecord[]> {
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => n.endsWith(SUFFIX)).sort();
    const records: StoredRecord[] = [];
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        records.push(JSON.parse(await readFile(path, 'utf8')) as StoredRecord);
      } catch (error) {
        throw new Error(`stateDir file ${path} is not a valid instance record: ${(error as Error).message}`);
      }
    }
    return records;
  }

  async save(instanceId: string, json: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.#fileOf(instanceId);
    const temp = `${target}.${process.pid}.${this.#tempCounter++}.tmp`;
    await writeFile(temp, json, 'utf8');
    await rename(temp, target);
  }

  async load(instanceId: string): Promise<StoredRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.#fileOf(instanceId), 'utf8')) as StoredRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(instanceId: string): Promise<void> {
    await rm(this.#fileOf(instanceId), { force: true });
  }
}
