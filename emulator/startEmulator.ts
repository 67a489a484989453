import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { Emulator } from './Emulator';
import type { EmulatorHandle, EmulatorOptions } from './EmulatorOptions';
import { dumpResources, loadResources } from './control';
import type { Clock } from './core/Clock';
import { systemClock } from './core/Clock';
import { handlerModules } from './handlers';
import { createCertificate } from './http/createCertificate';
import { dispatch } from './http/dispatch';
import { registeredHandlerModules } from './http/router';

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
 * `handle.endpoint` with `tlsOptions: { ca: handle.ca }`.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
  clock: Clock = systemClock(),
): Promise<EmulatorHandle> {
  const cert = await createCertificate();
  const emulator = new Emulator(options, clock, [...handlerModules, ...registeredHandlerModules()]);
  if (options.topology) loadResources(emulator, options.topology);
  const sockets = new Set<Socket>();
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      void dispatch(emulator, {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers,
        bodyText: decodeBody(Buffer.concat(chunks), headers['content-encoding']),
      }).then((result) => {
        if (result === 'drop') {
          req.socket.destroy();
          return;
        }
        const payload = result.body === undefined ? undefined : Buffer.from(JSON.stringify(result.body));
        res.writeHead(result.status, {
          ...(payload
            ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length) }
            : {}),
          ...result.headers,
        });
        res.end(payload);
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  emulator.baseUrl = `https://127.0.0.1:${port}`;

  return {
    endpoint: emulator.baseUrl,
    ca: cert.cert,
    port,
    async stop() {
      emulator.operations.stop();
      await emulator.events.flush();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    dump: () => dumpResources(emulator),
    load: (resources) => loadResources(emulator, resources),
    writeLog: () => emulator.writeLog.map((e) => ({ ...e })),
    clearWriteLog: () => {
      emulator.writeLog.length = 0;
    },
    setFaults: (faults) => emulator.faults.set(faults),
    setRbac: (rbac) => {
      emulator.rbac = rbac;
    },
    onEvent: (listener) => emulator.events.on(listener),
  };
}
