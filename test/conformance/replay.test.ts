import path from 'node:path';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { startEmulator } from '../../emulator/startEmulator';
import { CASSETTES } from './cassettes';
import { formatReplayTable } from './formatReplayTable';
import type { Outcome } from './replayCassette';
import { replayCassette } from './replayCassette';

const RECORDINGS = path.join(__dirname, 'recordings');

describe('replay of real Azure recordings (azure-cli network cassettes) against the emulator', () => {
  let handle: EmulatorHandle;
  const results = new Map<string, Outcome[]>();
  beforeAll(async () => {
    handle = await startEmulator({ throttling: false });
  });
  afterAll(async () => {
    process.stdout.write(formatReplayTable(results));
    await handle.stop();
  });

  it.each(CASSETTES.map((spec, i) => ({ spec, i, file: spec.file })))(
    '$file: every replayed interaction answers as Azure did',
    async ({ spec, i }) => {
      const subscription = `00000000-0000-4000-8000-${String(100000000000 + i)}`;
      const outcomes = await replayCassette(handle, spec, path.join(RECORDINGS, spec.file), subscription);
      results.set(spec.file, outcomes);
      const mismatches = outcomes
        .filter((o) => o.diffs && o.diffs.length > 0)
        .map((o) => `#${o.index} ${o.command}: ${o.request}\n    ${(o.diffs ?? []).join('\n    ')}`);
      expect(mismatches).toEqual([]);
      expect(outcomes.filter((o) => o.diffs).length).toBeGreaterThan(0);
    },
  );
});
