import { createRequire } from 'node:module';
import { createSerializer, type CompositeMapper, type Mapper } from '@azure/core-client';
import type { ArmResource } from '../arm/ArmResource';
import { DualstackError } from './DualstackError';

/**
 * Wire JSON (what ARM's GET returns, `properties` and all: the planner's currency) ↔ the
 * @azure/arm-network 36 models (flattened camelCase: what its typed operations take).
 *
 * Reads don't need this: the access layer keeps each response's own JSON. Writes do: the typed
 * `begin*AndWait` operations take a model and serialise it with the SDK's mappers, which are
 * generated from the 2025-05-01 spec. We convert with the same mappers, so the mapping is exact,
 * with two changes made to a private copy of them:
 *  - `readOnly` is dropped, so a round trip keeps read-only fields and can be compared with the
 *    input (the SDK still drops them when it sends);
 *  - non-constant `defaultValue`s are dropped, because the SDK's deserialiser fills them in for
 *    absent fields (e.g. subnet privateEndpointNetworkPolicies 'Disabled'), and a write must not
 *    add what the body did not say.
 * The mappers are not exported by the package (its `exports` map hides them), so they are loaded
 * from the file next to its entry point: the very module instance its operations use.
 */

type MapperRegistry = Record<string, Mapper>;

function loadSdkMappers(): MapperRegistry {
  const entry = require.resolve('@azure/arm-network');
  return createRequire(entry)('./models/mappers.js') as MapperRegistry;
}

function relax(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relax);
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    if (key === 'readOnly' || key === 'constraints') continue;
    if (key === 'defaultValue' && source.isConstant !== true) continue;
    out[key] = relax(v);
  }
  return out;
}

let cache:
  { mappers: Record<string, CompositeMapper>; serializer: ReturnType<typeof createSerializer> } | undefined;

function wire(): NonNullable<typeof cache> {
  if (!cache) {
    const mappers = relax(loadSdkMappers()) as Record<string, CompositeMapper>;
    cache = { mappers, serializer: createSerializer(mappers, false) };
  }
  return cache;
}

function mapperFor(modelName: string): CompositeMapper {
  const mapper = wire().mappers[modelName];
  if (!mapper) throw new TypeError(`modelName: '${modelName}' is not a @azure/arm-network model`);
  return mapper;
}

/** The SDK model (e.g. 'VirtualNetwork') for a wire JSON body. */
export function wireToModel<T = Record<string, unknown>>(modelName: string, body: unknown): T {
  return wire().serializer.deserialize(mapperFor(modelName), body, modelName) as T;
}

/** The wire JSON for an SDK model, read-only fields included. */
export function modelToWire(modelName: string, model: unknown): ArmResource {
  return wire().serializer.serialize(mapperFor(modelName), model, modelName) as ArmResource;
}

/**
 * An empty object says nothing, and the SDK itself produces them: its serialiser opens
 * `properties: {}` on every reference to a model that has a defaulted property (a subnet
 * reference `{ id }` goes out as `{ id, properties: {} }`), so one read back from a store that
 * keeps bodies verbatim may carry them.
 */
function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** Paths (e.g. 'properties.subnets[0].properties.foo') where `after` lost or changed something `before` had. */
export function differingPaths(before: unknown, after: unknown, path = ''): string[] {
  if (before === after || (after === undefined && isEmptyObject(before))) return [];
  if (Array.isArray(before)) {
    if (!Array.isArray(after)) return [path || '.'];
    const out = before.flatMap((v, i) => differingPaths(v, after[i], `${path}[${i}]`));
    return after.length > before.length ? [...out, `${path}[${before.length}]`] : out;
  }
  if (before !== null && typeof before === 'object') {
    if (after === null || typeof after !== 'object' || Array.isArray(after)) return [path || '.'];
    const a = after as Record<string, unknown>;
    const b = before as Record<string, unknown>;
    const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
    return [...keys].flatMap((k) => differingPaths(b[k], a[k], path ? `${path}.${k}` : k));
  }
  return [path || '.'];
}

/**
 * The SDK model for a resource body we are about to PUT, refusing (terminal DualstackError
 * 'UnmappedProperties') a body the SDK could not send in full: every write is a full PUT, so a
 * field the mappers don't know would be silently dropped and, in Azure, reset.
 */
export function toSdkModel<T>(modelName: string, body: ArmResource): T {
  const model = wireToModel<T>(modelName, body);
  const lost = differingPaths(body, modelToWire(modelName, model));
  if (lost.length) {
    throw new DualstackError({
      code: 'UnmappedProperties',
      detail: `the ${modelName} body of ${body.id} has fields the api-version 2025-05-01 SDK model cannot carry: ${lost.slice(0, 10).join(', ')}${lost.length > 10 ? ` (+${lost.length - 10} more)` : ''}`,
      retryable: false,
      resourceId: body.id,
    });
  }
  return model;
}
