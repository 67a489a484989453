import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';
import './exampleFunctions';

/** Runs the fixture in its own process and SIGKILLs it as soon as step `hangStep` has started. */
function runUntilStepThenKill(
  stateDir: string,
  effects: string,
  hangStep: number,
): Promise<NodeJS.Signals | null> {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), join(__dirname, 'fixtures', 'startFileSteps.ts'), stateDir, effects],
    { env: { ...process.env, DEVHOST_HANG_STEP: String(hangStep) }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(`STEP ${hangStep} STARTED`)) {
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

describe('LocalDurableHost after a real process kill', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devhost-kill-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('completes the run from the state folder, re-running only the activity that was in flight', async () => {
    const stateDir = join(dir, 'state');
    const effects = join(dir, 'effects.log');

    await expect(runUntilStepThenKill(stateDir, effects, 2)).resolves.toBe('SIGKILL');
    const host = new LocalDurableHost({ stateDir, timeScale: 1000 });
    expect(await host.resume()).toBe(1);
    const status = await host.waitForCompletion('killed');

    expect(status.runtimeStatus).toBe(OrchestrationRuntimeStatus.Completed);
    expect(status.output).toEqual([0, 1, 2, 3]);
    expect((await readFile(effects, 'utf8')).trim().split('\n')).toEqual(['0', '1', '2', '2', '3']);
  });
});
