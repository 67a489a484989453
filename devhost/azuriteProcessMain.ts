import { startAzurite } from './startAzurite';

/**
 * Azurite's Table service as a process of its own (started by startAzuriteProcess): Azure
 * Storage keeps the task hub's and the run store's tables outside the Functions worker, so a
 * measurement of the app's memory leaves them out too. Exits when its parent goes.
 */
startAzurite().then(
  (azurite) => {
    process.send?.({ endpoint: azurite.endpoint });
    process.on('disconnect', () => {
      void azurite.stop().finally(() => process.exit(0));
    });
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
