import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { NETWORK_API_VERSION } from '../../emulator/handlers/operationUrls';
import type { RawResponse } from '../emulator/emulatorTestKit';
import { armRequest } from '../emulator/emulatorTestKit';
import type { Interaction } from './cassette';
import { loadCassette } from './cassette';
import type { CassetteSpec } from './cassettes';
import { coveredType, exclusionReason } from './classifyInteraction';
import { compareBodies, errorCode } from './compareResponse';
import { referencedOutputs, templateWrites } from './templateDeployment';

/** The subscription azure-cli's recordings are scrubbed to. */
const RECORDED_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

export interface Outcome {
  index: number;
  command: string;
  request: string;
  /** Excluded interactions carry the reason; replayed ones the differences found (none: matched). */
  excluded?: string;
  diffs?: string[];
}

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mapDeep(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapDeep(v, map));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapDeep(v, map)]));
  return value;
}

/** Recorded Network api-versions all map to the emulator's 2025-05-01; other query parameters stay. */
function mappedQuery(uri: URL): string {
  const query = new URLSearchParams(uri.search);
  if (query.has('api-version') && /\/providers\/microsoft\.network\//i.test(uri.pathname))
    query.set('api-version', NETWORK_API_VERSION);
  return query.toString();
}

async function settle(handle: EmulatorHandle, response: RawResponse): Promise<void> {
  const header = response.headers['azure-asyncoperation'] ?? response.headers.location;
  const poll = Array.isArray(header) ? header[0] : header;
  if (!poll) return;
  const url = new URL(poll);
  // A deadline, not a number of polls: a gateway's operation takes 600 ms at the default time scale,
  // and 200 quick polls can be over before it ends.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const status = await armRequest(handle, 'GET', `${url.pathname}${url.search}`);
    const state = isRecord(status.body) ? status.body.status : undefined;
    if (status.status !== 202 && state !== 'InProgress') return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`operation ${poll} did not finish`);
}

/** The state one replay keeps: etags seen on both sides and the emulator's subnet prefixes. */
class ReplayState {
  readonly recordedEtags = new Map<string, string>();
  readonly emulatorEtags = new Map<string, string>();
  /** recorded etag -> the emulator's etag for the same resource state, for If-Match. */
  readonly etagPairs = new Map<string, string>();
  readonly subnets = new Map<string, string[]>();
  /** The last template deployment sent, for the outputs a later GET of it shows. */
  deployment: unknown;

  constructor(readonly subscriptionId: string) {}

  mapString = (s: string): string => s.split(RECORDED_SUBSCRIPTION).join(this.subscriptionId);

  learnSubnets(body: unknown): void {
    if (Array.isArray(body)) {
      for (const item of body) this.learnSubnets(item);
      return;
    }
    if (!isRecord(body)) return;
    const props = isRecord(body.properties) ? body.properties : undefined;
    if (typeof body.id === 'string' && /\/subnets\/[^/]+$/i.test(body.id) && props) {
      const prefixes = [
        props.addressPrefix,
        ...(Array.isArray(props.addressPrefixes) ? props.addressPrefixes : []),
      ];
      this.subnets.set(
        body.id.toLowerCase(),
        prefixes.filter((p): p is string => typeof p === 'string'),
      );
    }
    for (const v of Object.values(body)) if (typeof v === 'object') this.learnSubnets(v);
  }

  /** Azure's etag behaviour for one answer: present when Azure sent one, changed exactly when Azure's changed. */
  etagDiffs(recorded: Json, actual: Json): string[] {
    if (typeof recorded.etag !== 'string' || typeof recorded.id !== 'string') return [];
    if (typeof actual.etag !== 'string') return ['etag: Azure sent one, the emulator none'];
    const id = this.mapString(recorded.id).toLowerCase();
    const before = this.recordedEtags.get(id);
    const emulatorBefore = this.emulatorEtags.get(id);
    this.recordedEtags.set(id, recorded.etag);
    this.emulatorEtags.set(id, actual.etag);
    this.etagPairs.set(recorded.etag, actual.etag);
    if (before === undefined || emulatorBefore === undefined) return [];
    const azureChanged = before !== recorded.etag;
    const emulatorChanged = emulatorBefore !== actual.etag;
    return azureChanged === emulatorChanged
      ? []
      : [
          `etag: Azure ${azureChanged ? 'changed' : 'kept'} it, the emulator ${emulatorChanged ? 'changed' : 'kept'} it`,
        ];
  }
}

function compare(interaction: Interaction, response: RawResponse, state: ReplayState): string[] {
  const recordedClass = Math.floor(interaction.status / 100);
  if (Math.floor(response.status / 100) !== recordedClass) {
    const code = errorCode(response.body);
    return [`status: recorded ${interaction.status}, emulator ${response.status}${code ? ` ${code}` : ''}`];
  }
  if (interaction.status >= 400) {
    const recorded = errorCode(interaction.responseBody);
    const actual = errorCode(response.body);
    return recorded === actual
      ? []
      : [`error code: recorded ${recorded ?? 'none'}, emulator ${actual ?? 'none'}`];
  }
  // A resource group's tags are the test preparer's and subscription policy's, not the network's.
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(interaction.uri.pathname)) {
    const name = isRecord(response.body) ? response.body.name : undefined;
    const recorded = isRecord(interaction.responseBody) ? interaction.responseBody.name : undefined;
    return name === recorded ? [] : [`name: recorded ${String(recorded)}, emulator ${String(name)}`];
  }
  const diffs = compareBodies(interaction.responseBody, response.body, {
    mapString: state.mapString,
    subnetPrefixes: (id) => state.subnets.get(id.toLowerCase()) ?? [],
  });
  if (isRecord(interaction.responseBody) && isRecord(response.body))
    diffs.push(...state.etagDiffs(interaction.responseBody, response.body));
  return diffs;
}

/** Resource groups the cassette names, created first with the location Azure recorded for them. */
async function createResourceGroups(
  handle: EmulatorHandle,
  interactions: Interaction[],
  state: ReplayState,
): Promise<void> {
  const groups = new Map<string, Json>();
  for (const i of interactions) {
    const m = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i.exec(i.uri.pathname);
    if (!m?.[1]) continue;
    const key = m[1];
    const recordedGroup = /\/resourcegroups\/[^/]+$/i.test(i.uri.pathname) && isRecord(i.responseBody);
    // azure-cli's preparer made the group (location and tags) before recording began.
    if (recordedGroup && isRecord(i.responseBody))
      groups.set(key, { location: i.responseBody.location, tags: i.responseBody.tags });
    else if (!groups.has(key)) groups.set(key, { location: 'westus' });
  }
  for (const [name, body] of groups) {
    const put = await armRequest(
      handle,
      'PUT',
      `/subscriptions/${state.subscriptionId}/resourcegroups/${name}?api-version=2021-04-01`,
      {
        body,
      },
    );
    if (put.status >= 300) throw new Error(`resource group ${name}: ${put.status}`);
  }
}

type Result = { excluded: string } | { diffs: string[] };

function resourceGroupPath(interaction: Interaction, state: ReplayState): string {
  const m = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+/i.exec(interaction.uri.pathname);
  return state.mapString(m?.[0] ?? '');
}

/** A template deployment stands for the PUTs ARM makes from it; a later GET of it, for reads of what it made. */
async function replayDeployment(
  handle: EmulatorHandle,
  interaction: Interaction,
  state: ReplayState,
): Promise<Result> {
  const group = resourceGroupPath(interaction, state);
  if (interaction.method === 'PUT') {
    const writes = templateWrites(interaction.requestBody, coveredType);
    if (typeof writes === 'string') return { excluded: writes };
    state.deployment = interaction.requestBody;
    const diffs: string[] = [];
    for (const w of writes) {
      const path = `${group}/providers/${w.type}/${w.name}?api-version=${NETWORK_API_VERSION}`;
      const response = await armRequest(handle, 'PUT', path, { body: mapDeep(w.body, state.mapString) });
      if (response.status >= 300)
        diffs.push(
          `template resource ${w.name}: emulator ${response.status} ${errorCode(response.body) ?? ''}`,
        );
      else await settle(handle, response);
      state.learnSubnets(response.body);
    }
    if (interaction.status >= 300)
      diffs.push(`recorded deployment failed (${interaction.status}); the emulator accepted every resource`);
    return { diffs };
  }
  const recorded =
    isRecord(interaction.responseBody) && isRecord(interaction.responseBody.properties)
      ? interaction.responseBody.properties.outputs
      : undefined;
  const references = referencedOutputs(state.deployment);
  if (!isRecord(recorded) || references.size === 0)
    return { excluded: "deployment status read: the replay sent the template's resources itself" };
  const writes = templateWrites(state.deployment, coveredType);
  const diffs: string[] = [];
  for (const [output, name] of references) {
    const value = isRecord(recorded[output]) ? recorded[output].value : undefined;
    const write = Array.isArray(writes) ? writes.find((w) => w.name === name) : undefined;
    if (!isRecord(value) || !write) continue;
    const response = await armRequest(
      handle,
      'GET',
      `${group}/providers/${write.type}/${name}?api-version=${NETWORK_API_VERSION}`,
    );
    const actual = isRecord(response.body) ? response.body.properties : undefined;
    diffs.push(
      ...compare(
        { ...interaction, responseBody: { properties: value } },
        { ...response, body: { properties: actual } },
        state,
      ),
    );
  }
  return { diffs };
}

async function replayOne(
  handle: EmulatorHandle,
  interaction: Interaction,
  state: ReplayState,
): Promise<Result> {
  if (/\/providers\/microsoft\.resources\/deployments\//i.test(interaction.uri.pathname))
    return replayDeployment(handle, interaction, state);
  const headers: Record<string, string> = {};
  for (const h of ['if-match', 'if-none-match']) {
    const v = interaction.requestHeaders[h];
    if (v) headers[h] = state.etagPairs.get(v) ?? v;
  }
  const path = `${state.mapString(interaction.uri.pathname)}?${mappedQuery(interaction.uri)}`;
  const response = await armRequest(handle, interaction.method, path, {
    ...(interaction.requestBody === undefined
      ? {}
      : { body: mapDeep(interaction.requestBody, state.mapString) }),
    headers,
  });
  if (response.status < 300) await settle(handle, response);
  state.learnSubnets(response.body);
  return { diffs: compare(interaction, response, state) };
}

/** Sends every covered interaction of one cassette to the emulator, in order, and compares each answer with Azure's. */
export async function replayCassette(
  handle: EmulatorHandle,
  spec: CassetteSpec,
  file: string,
  subscriptionId: string,
): Promise<Outcome[]> {
  const interactions = loadCassette(file);
  const state = new ReplayState(subscriptionId);
  await createResourceGroups(handle, interactions, state);
  const outcomes: Outcome[] = [];
  for (const interaction of interactions) {
    const request = `${interaction.method} ${decodeURIComponent(interaction.uri.pathname).replace(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i, '…')}`;
    const base = { index: interaction.index, command: interaction.command, request };
    const excluded =
      spec.exclusions?.find((e) => e.indexes.includes(interaction.index))?.reason ??
      exclusionReason(interaction);
    outcomes.push({ ...base, ...(excluded ? { excluded } : await replayOne(handle, interaction, state)) });
  }
  return outcomes;
}
