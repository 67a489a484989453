import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createCertificate } from './createCertificate';
import type { EmulatorResponse } from './EmulatorRequest';

export interface RawHttpRequest {
  method: string;
  url: string;
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** 'drop' destroys the socket without an answer (the 'drop' fault). */
export type RawHttpHandler = (
  req: RawHttpRequest,
) => Promise<EmulatorResponse | 'drop'> | EmulatorResponse | 'drop';

export interface HttpsEndpoint {
  /** https://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  /** PEM of the endpoint's own self-signed certificate, for clients' `tlsOptions: { ca }`. */
  ca: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTPS server with a fresh self-signed certificate that answers
 * JSON: the transport shared by the ARM emulator and any other emulated
 * endpoint (a Logs Ingestion DCE is a host of its own in Azure).
 */
export async function serveHttps(handler: RawHttpHandler, port = 0): Promise<HttpsEndpoint> {
  const cert = await createCertificate();
  const sockets = new Set<Socket>();
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      void Promise.resolve(
        handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks) }),
      ).then((result) => {
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
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://127.0.0.1:${bound}`,
    port: bound,
    ca: cert.cert,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
