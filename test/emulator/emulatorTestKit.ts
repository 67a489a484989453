import https from 'node:https';
import type { NetworkManagementClientOptionalParams } from '@azure/arm-network';
import { NetworkManagementClient } from '@azure/arm-network';
import type { ArmResource } from '../../src/arm/ArmResource';
import type { ArmError } from '../../src/arm/errors/ArmError';
import type { EmulatorHandle, EmulatorOptions } from '../../emulator/EmulatorOptions';
import { DEFAULT_PRINCIPAL_ID, emulatorCredential } from '../../emulator/emulatorCredential';
import { startEmulator } from '../../emulator/startEmulator';

export const SUB = '00000000-0000-4000-8000-000000000001';
export const RG = 'rg-test';
export const LOCATION = 'westeurope';
export const POLL = { updateIntervalInMs: 5 };

export function resourceGroup(name: string, subscriptionId = SUB): ArmResource {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    location: LOCATION,
  };
}

export function networkId(type: string, name: string, rg = RG): string {
  return `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/${type}/${name}`;
}

/** An emulator with resource group RG already there. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const handle = await startEmulator(options);
  handle.load([resourceGroup(RG)]);
  return handle;
}

export function networkClient(
  handle: EmulatorHandle,
  principalId = DEFAULT_PRINCIPAL_ID,
  extra: NetworkManagementClientOptionalParams = {},
): NetworkManagementClient {
  return new NetworkManagementClient(emulatorCredential(principalId), SUB, {
    endpoint: handle.endpoint,
    tlsOptions: { ca: handle.ca },
    ...extra,
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A plain HTTPS request for what the SDK hides (missing api-version or token, raw headers). */
export async function armRequest(
  handle: EmulatorHandle,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const token =
    options.token === undefined
      ? (await emulatorCredential().getToken('https://management.azure.com/.default'))?.token
      : options.token;
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise<RawResponse>((resolve, reject) => {
    const req = https.request(
      `${handle.endpoint}${path}`,
      {
        method,
        ca: handle.ca,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function vnetBody(prefix: string, subnets: { name: string; addressPrefix: string }[] = []) {
  return { location: LOCATION, addressSpace: { addressPrefixes: [prefix] }, subnets };
}

/** The SDK's RestError for a refusal, as status, code and target, to compare with {@link expectedRefusal}. */
export async function refusal(
  p: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; target?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { statusCode?: number; code?: string; details?: { error?: { target?: string } } };
    return { statusCode: err.statusCode, code: err.code, target: err.details?.error?.target };
  }
  throw new Error('expected a refusal');
}

/** What the shared error factory says Azure answers, in the shape {@link refusal} reads. */
export function expectedRefusal(e: ArmError): { statusCode: number; code: string; target?: string } {
  return { statusCode: e.status, code: e.code, ...(e.body.target ? { target: e.body.target } : {}) };
}
