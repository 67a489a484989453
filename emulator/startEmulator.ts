import { gunzipSync } from 'node:zlib';
import { Emulator } from './Emulator';
import type { EmulatorHandle, EmulatorOptions } from './EmulatorOptions';
import { dumpResources, loadResources } from './control';
import type { Clock } from './core/Clock';
import { systemClock } from './core/Clock';
import { handlerModules } from './handlers';
import { dispatch } from './http/dispatch';
import { registeredHandlerModules } from './http/router';
import { serveHttps } from './http/serveHttps';

/** Request bodies as text; SDK clients such as Logs Ingestion gzip theirs. */
function decodeBody(raw: Buffer, encoding: string | undefined): string {
  if (encoding?.toLowerCase().includes('gzip')) {
    try {
      return gunzipSync(raw).toString('utf8');
    } catch {
      // Left as sent: the JSON parse then refuses it with ARM's InvalidRequestContent.
    }
  }
  return raw.toString('utf8');
}

/**
 * Starts the ARM Microsoft.Network emulator on 127.0.0.1 over HTTPS with a
 * fresh self-signed certificate. Point NetworkManagementClient at
 * `handle.endpoint` with `tlsOptions: { ca: handle.ca }`. The clock is
 * injectable for unit tests; it defaults to real time since start.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
  clock: Clock = systemClock(),
): Promise<EmulatorHandle> {
  const emulator = new Emulator(options, clock, [...handlerModules, ...registeredHandlerModules()]);
  if (options.topology) loadResources(emulator, options.topology);
  const server = await serveHttps(
    (req) =>
      dispatch(emulator, {
        method: req.method,
        url: req.url,
        headers: req.headers,
        bodyText: decodeBody(req.body, req.headers['content-encoding']),
      }),
    options.port ?? 0,
  );
  emulator.baseUrl = server.endpoint;

  return {
    endpoint: server.endpoint,
    ca: server.ca,
    port: server.port,
    async stop() {
      emulator.operations.stop();
      await emulator.events.flush();
      await server.close();
    },
    dump: () => dumpResources(emulator),
    load: (resources) => loadResources(emulator, resources),
    writeLog: () => emulator.writeLog.map((e) => ({ ...e })),
    clearWriteLog: () => {
      emulator.writeLog.length = 0;
    },
    throttleStats: () => ({ ...emulator.throttle.stats }),
    setFaults: (faults) => emulator.faults.set(faults),
    setRbac: (rbac) => {
      emulator.rbac = rbac;
    },
    onEvent: (listener) => emulator.events.on(listener),
  };
}
