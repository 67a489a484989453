import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { isCanonical, parseCidr, parseIp } from '../../arm/cidr';
import { parseResourceId } from '../../arm/resourceId';
import { ConfigError } from './ConfigError';
import type { DualStackConfig } from './DualStackConfig';
import schema from './dualStackConfig.schema.json';

const FORMAT_NAMES: Record<string, string> = {
  'arm-id': 'an ARM resource id',
  'ipv4-cidr': 'an IPv4 CIDR',
  'ipv6-cidr': 'an IPv6 CIDR',
  'ipv6-address': 'an IPv6 address',
};

function createValidator() {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
  ajv.addFormat('arm-id', (s: string) => parseResourceId(s) !== undefined);
  ajv.addFormat('ipv4-cidr', (s: string) => parseCidr(s)?.version === 'IPv4');
  ajv.addFormat('ipv6-cidr', (s: string) => parseCidr(s)?.version === 'IPv6');
  ajv.addFormat('ipv6-address', (s: string) => parseIp(s)?.version === 'IPv6');
  return ajv.compile(schema);
}

let validator: ReturnType<typeof createValidator> | undefined;

function fieldOf(instancePath: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((acc, p) => {
    if (/^\d+$/.test(p)) return `${acc}[${p}]`;
    if (!/^[A-Za-z_$][\w$]*$/.test(p)) return `${acc}[${JSON.stringify(p)}]`;
    return acc ? `${acc}.${p}` : p;
  }, '');
}

function valueAt(root: unknown, instancePath: string): unknown {
  let cur = root;
  for (const p of instancePath.split('/').slice(1)) {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

function describe(error: ErrorObject, root: unknown): string | undefined {
  const field = fieldOf(error.instancePath) || '(root)';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'format': {
      const value = error.propertyName ?? valueAt(root, error.instancePath);
      const where = error.propertyName ? `${field} key` : field;
      return `${where}: ${JSON.stringify(value)} is not ${FORMAT_NAMES[String(params.format)] ?? String(params.format)}`;
    }
    case 'required':
      return `${field === '(root)' ? '' : `${field}.`}${String(params.missingProperty)}: is required`;
    case 'additionalProperties':
      return `${field === '(root)' ? '' : `${field}.`}${String(params.additionalProperty)}: is not a known field`;
    case 'enum':
      return `${field}: ${JSON.stringify(valueAt(root, error.instancePath))} is not one of ${((params.allowedValues as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return field === 'ipamPoolId'
        ? `ipamPoolId: ${JSON.stringify(valueAt(root, error.instancePath))} is not an IPAM pool id (/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/networkManagers/{nm}/ipamPools/{pool})`
        : `${field}: ${error.message ?? 'is invalid'}`;
    case 'propertyNames':
      return undefined; // the format error on the key says it better
    case 'oneOf':
    case 'const':
    case 'if':
      return undefined;
    default:
      return `${field}: ${error.message ?? 'is invalid'}`;
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/**
 * Checks the schema can't express: canonical prefixes and lengths that fit each other.
 * Written defensively so it can run on a config that also failed the schema: every problem is reported at once.
 */
function semanticProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const checkCanonical = (field: string, text: unknown, length?: number) => {
    const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!cidr) return;
    if (!isCanonical(cidr)) problems.push(`${field}: ${JSON.stringify(text)} has host bits set`);
    if (length !== undefined && cidr.length !== length)
      problems.push(`${field}: ${JSON.stringify(text)} must be a /${length}`);
  };
  const vnetLength = typeof c.vnetPrefixLength === 'number' ? c.vnetPrefixLength : 56;
  checkCanonical('ipv6Pool', c.ipv6Pool);
  const pool = typeof c.ipv6Pool === 'string' ? parseCidr(c.ipv6Pool) : undefined;
  if (pool?.version === 'IPv6' && pool.length > vnetLength)
    problems.push(`ipv6Pool: ${JSON.stringify(c.ipv6Pool)} is smaller than one VNet block (/${vnetLength})`);
  if (typeof c.ipamPoolId === 'string' && c.ipv6Pool !== undefined)
    problems.push(
      'ipamPoolId: the IPAM pool gives the VNet blocks; remove ipv6Pool (it would be ignored) or ipamPoolId',
    );
  if (typeof c.hubVnetId === 'string') {
    const parsed = parseResourceId(c.hubVnetId);
    if (parsed && parsed.type.toLowerCase() !== 'microsoft.network/virtualnetworks')
      problems.push(`hubVnetId: ${JSON.stringify(c.hubVnetId)} is not a virtual network id`);
  }
  const er = asRecord(c.expressRoute);
  if (er) {
    checkCanonical('expressRoute.primaryPeerAddressPrefix', er.primaryPeerAddressPrefix, 126);
    checkCanonical('expressRoute.secondaryPeerAddressPrefix', er.secondaryPeerAddressPrefix, 126);
  }
  for (const [v4, v6] of Object.entries(asRecord(c.onPremisesPrefixMap) ?? {})) {
    checkCanonical(`onPremisesPrefixMap key`, v4);
    checkCanonical(`onPremisesPrefixMap[${JSON.stringify(v4)}]`, v6);
  }
  return problems;
}

const NEXT_HOP_SHAPE =
  'ipv6NextHop: must be "auto", { "address": <IPv6 address> } or { "loadBalancerFrontend": { "loadBalancerId": <id>, "frontendName"?: <name> } }';

function schemaProblems(errors: ErrorObject[], root: unknown): string[] {
  // oneOf reports every branch's complaint; for the next hop, keep only format errors and one line on the shape.
  const nextHop = errors.filter((e) => e.instancePath.startsWith('/ipv6NextHop'));
  const others = errors.filter((e) => !e.instancePath.startsWith('/ipv6NextHop'));
  const problems = others.map((e) => describe(e, root)).filter((p) => p !== undefined);
  const formats = nextHop.filter((e) => e.keyword === 'format').map((e) => describe(e, root));
  if (formats.length > 0) problems.push(...formats.filter((p) => p !== undefined));
  else if (nextHop.length > 0) problems.push(NEXT_HOP_SHAPE);
  return [...new Set(problems)];
}

/** Validates untrusted JSON against dualStackConfig.schema.json and returns it with defaults filled in. */
export function parseConfig(json: unknown): DualStackConfig {
  const copy = asRecord(json) ? structuredClone(json as Record<string, unknown>) : undefined;
  if (!copy) throw new ConfigError(['(root): must be a JSON object']);
  validator ??= createValidator();
  const valid = validator(copy);
  const problems = valid ? [] : schemaProblems(validator.errors ?? [], copy);
  problems.push(...semanticProblems(copy));
  if (problems.length > 0) throw new ConfigError(problems);
  const config = copy as unknown as DualStackConfig;
  // Named canaries are the canaries: a count beside them could only disagree.
  if (config.rollout.canaryVnetIds) config.rollout.canarySpokes = config.rollout.canaryVnetIds.length;
  return config;
}
