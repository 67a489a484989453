import { fork } from 'node:child_process';
import path from 'node:path';
import type { EmulatorOptions, WriteLogEntry } from './EmulatorOptions';
import type { ThrottleStats } from './core/Throttle';
import type { EmulatorProcessReply, EmulatorProcessRequest } from './emulatorProcessMessages';

export interface EmulatorProcessHandle {
  readonly endpoint: string;
  readonly ca: string;
  readonly port: number;
  writeLog(): Promise<WriteLogEntry[]>;
  throttleStats(): Promise<ThrottleStats>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator in a child process (TypeScript through tsx, as `npm run
 * emulator` does). Options cross the IPC channel, so they must be plain data:
 * no monitor object, no event listeners. For measurements: the app under test
 * keeps its own CPU.
 */
export async function startEmulatorProcess(options: EmulatorOptions): Promise<EmulatorProcessHandle> {
  const child = fork(path.join(__dirname, 'emulatorProcessMain.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // One request at a time: every request has exactly one reply.
  let chain: Promise<unknown> = Promise.resolve();
  const request = <T extends EmulatorProcessReply['type']>(
    message: EmulatorProcessRequest,
    expected: T,
  ): Promise<Extract<EmulatorProcessReply, { type: T }>> => {
    const next = chain.then(
      () =>
        new Promise<Extract<EmulatorProcessReply, { type: T }>>((resolve, reject) => {
          const onExit = (code: number | null): void =>
            reject(
              new Error(`emulator process exited (${code ?? 'signal'}) before answering '${message.type}'`),
            );
          child.once('exit', onExit);
          child.once('message', (answer: EmulatorProcessReply) => {
            child.off('exit', onExit);
            if (answer.type === expected) resolve(answer as Extract<EmulatorProcessReply, { type: T }>);
            else if (answer.type === 'error') reject(new Error(`emulator process: ${answer.message}`));
            else reject(new Error(`emulator process answered '${answer.type}' to '${message.type}'`));
          });
          child.send(message);
        }),
    );
    chain = next.catch(() => undefined);
    return next;
  };
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const ready = await request({ type: 'start', options }, 'ready');
  let stopping: Promise<void> | undefined;
  return {
    endpoint: ready.endpoint,
    ca: ready.ca,
    port: ready.port,
    writeLog: async () => (await request({ type: 'writeLog' }, 'writeLog')).entries,
    throttleStats: async () => (await request({ type: 'throttleStats' }, 'throttleStats')).stats,
    // Every caller waits for the same exit. The child answers 'stopped' and goes at once, and
    // its exit can reach us before the answer does, so either one ends the wait.
    stop() {
      stopping ??= (async () => {
        if (child.connected) await Promise.race([request({ type: 'stop' }, 'stopped'), exited]);
        await exited;
      })();
      return stopping;
    },
  };
}
