import type { EmulatorHandle, EmulatorOptions } from './EmulatorOptions';
import { registerMonitorExtensions } from './monitor/registerMonitorExtensions';
import { startEmulator } from './startEmulator';
import type { EmulatorProcessReply, EmulatorProcessRequest } from './emulatorProcessMessages';

/**
 * The emulator as a process of its own (started by startEmulatorProcess), so
 * that "Azure" doesn't share a CPU with the app that calls it, as it never does
 * in production. Driven over the IPC channel; exits when its parent goes.
 */
let handle: EmulatorHandle | undefined;

function reply(message: EmulatorProcessReply): void {
  process.send?.(message);
}

process.on('message', (raw: EmulatorProcessRequest) => {
  void (async () => {
    try {
      switch (raw.type) {
        case 'start': {
          registerMonitorExtensions();
          const options: EmulatorOptions = raw.options;
          handle = await startEmulator(options);
          reply({ type: 'ready', endpoint: handle.endpoint, ca: handle.ca, port: handle.port });
          return;
        }
        case 'writeLog':
          reply({ type: 'writeLog', entries: [...(handle?.writeLog() ?? [])] });
          return;
        case 'throttleStats':
          reply({ type: 'throttleStats', stats: handle?.throttleStats() ?? { refused: 0, retryAfterMs: 0 } });
          return;
        case 'stop':
          await handle?.stop();
          reply({ type: 'stopped' });
          process.disconnect();
          return;
      }
    } catch (error) {
      reply({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
