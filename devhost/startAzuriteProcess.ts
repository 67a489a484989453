import { fork } from 'node:child_process';
import path from 'node:path';
import type { AzuriteTables } from './startAzurite';
import { azuriteTables } from './startAzurite';

/**
 * Starts Azurite's Table service in a child process (TypeScript through tsx) and answers
 * with clients for it; stop() ends the child. For measurements of the app's own process.
 */
export function startAzuriteProcess(): Promise<AzuriteTables> {
  const child = fork(path.join(__dirname, 'azuriteProcessMain.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<AzuriteTables>((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`Azurite process exited (${code ?? 'signal'}) before it was ready`));
    child.once('exit', onExit);
    child.once('message', (message: { endpoint: string }) => {
      child.off('exit', onExit);
      resolve(
        azuriteTables(message.endpoint, async () => {
          if (child.connected) child.disconnect();
          await exited;
        }),
      );
    });
  });
}
