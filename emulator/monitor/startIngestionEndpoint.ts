import {
  authenticationMissing,
  invalidAuthenticationToken,
  missingApiVersion,
  unsupportedApiVersion,
} from '../../src/arm/errors/commonErrors';
import type { ArmError } from '../../src/arm/errors/ArmError';
import { decodeEmulatorToken } from '../emulatorCredential';
import type { EmulatorResponse } from '../http/EmulatorRequest';
import { errorResponse } from '../http/EmulatorRequest';
import { serveHttps } from '../http/serveHttps';
import type { MonitorEmulator } from './MonitorEmulator';
import { LOGS_INGESTION_API_VERSION, ingestUpload } from './ingestUpload';

export interface IngestionEndpointHandle {
  /** https://127.0.0.1:<port>: the DCE's logs ingestion endpoint. */
  readonly endpoint: string;
  /** PEM of this endpoint's self-signed certificate; pass as `tlsOptions: { ca }`. */
  readonly ca: string;
  stop(): Promise<void>;
}

export interface IngestionEndpointOptions {
  /** principalId -> allowed actions, read on every call (e.g. the ARM emulator's map); absent lets everyone in. */
  rbac?: () => Record<string, string[]> | undefined;
}

const UPLOAD_PATH = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)$/i;

function answer(
  monitor: MonitorEmulator,
  method: string,
  url: URL,
  headers: Record<string, string | undefined>,
  body: Buffer,
  options: IngestionEndpointOptions,
): EmulatorResponse {
  const fail = (e: ArmError): EmulatorResponse => errorResponse(e);
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (!bearer) return fail(authenticationMissing());
  const principal = decodeEmulatorToken(bearer);
  if (!principal) return fail(invalidAuthenticationToken());
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) return fail(missingApiVersion());
  const match = UPLOAD_PATH.exec(url.pathname);
  if (method !== 'POST' || !match)
    return {
      status: 404,
      body: { error: { code: 'NotFound', message: `No route for ${method} ${url.pathname}.` } },
    };
  if (apiVersion !== LOGS_INGESTION_API_VERSION) {
    return fail(
      unsupportedApiVersion(apiVersion, 'Microsoft.Insights/dataCollectionRules/streams', [
        LOGS_INGESTION_API_VERSION,
      ]),
    );
  }
  return ingestUpload(monitor, {
    ruleId: decodeURIComponent(match[1] ?? ''),
    stream: decodeURIComponent(match[2] ?? ''),
    headers,
    body,
    principalId: principal.oid,
    rbac: options.rbac?.(),
  });
}

/**
 * A data collection endpoint of its own, as in Azure (`https://<dce>.<region>.ingest.monitor.azure.com`
 * is not ARM): HTTPS on loopback with a fresh self-signed certificate, serving the
 * Logs Ingestion upload exactly as the SDK client sends it (gzip, bearer token),
 * into the given MonitorEmulator.
 */
export async function startIngestionEndpoint(
  monitor: MonitorEmulator,
  options: IngestionEndpointOptions = {},
): Promise<IngestionEndpointHandle> {
  const served = await serveHttps((req) =>
    answer(
      monitor,
      req.method.toUpperCase(),
      new URL(req.url, 'https://127.0.0.1'),
      req.headers,
      req.body,
      options,
    ),
  );
  return { endpoint: served.endpoint, ca: served.ca, stop: () => served.close() };
}
