import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readBicep, resourceBodyShape, type BicepFile, type BicepShape } from '../helpers/bicep';
import { bicepFiles, deploymentBicepFiles, infraPath, readJson } from './infraFiles';

/**
 * Property names in the Bicep resource bodies, checked against the service schemas we have
 * locally: the @azure/arm-network model mappers (generated from the Microsoft.Network OpenAPI)
 * and the data collection rules OpenAPI in ../shared/azure-rest-api-specs. A misspelt property
 * would otherwise only show at the first real deployment.
 */

/** A schema node: the keys an object may have, what an array holds, what a map's values are, or any value. */
type SchemaNode =
  | { kind: 'object'; keys: Map<string, () => SchemaNode> }
  | { kind: 'array'; element: () => SchemaNode }
  | { kind: 'map'; value: () => SchemaNode }
  | { kind: 'any' };

const ANY: SchemaNode = { kind: 'any' };

interface MapperType {
  name: string;
  className?: string;
  element?: { type: MapperType };
  value?: { type: MapperType };
  modelProperties?: Record<string, { serializedName?: string; type: MapperType }>;
}

const networkMappers = createRequire(require.resolve('@azure/arm-network'))('./models/mappers.js') as Record<
  string,
  { type: MapperType }
>;

function fromMapperType(type: MapperType): SchemaNode {
  switch (type.name) {
    case 'Composite':
      return compositeNode(type.className ?? '');
    case 'Sequence':
      return { kind: 'array', element: () => (type.element ? fromMapperType(type.element.type) : ANY) };
    case 'Dictionary':
      return { kind: 'map', value: () => (type.value ? fromMapperType(type.value.type) : ANY) };
    default:
      return ANY;
  }
}

/** A model's properties, unflattened: 'properties.addressSpace' becomes properties -> addressSpace. */
function compositeNode(className: string): SchemaNode {
  const props = networkMappers[className]?.type.modelProperties;
  if (!props) throw new Error(`no @azure/arm-network model ${className}`);
  const root = new Map<string, () => SchemaNode>();
  const nested = new Map<string, Map<string, () => SchemaNode>>();
  for (const p of Object.values(props)) {
    const path = (p.serializedName ?? '').split(/(?<!\\)\./);
    if (path.length === 1) root.set(path[0] ?? '', () => fromMapperType(p.type));
    else {
      const [head = '', ...rest] = path;
      let inner = nested.get(head);
      if (!inner) nested.set(head, (inner = new Map()));
      inner.set(rest.join('.'), () => fromMapperType(p.type));
    }
  }
  for (const [head, inner] of nested) root.set(head, () => ({ kind: 'object', keys: inner }));
  return { kind: 'object', keys: root };
}

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  allOf?: OpenApiSchema[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema | boolean;
}

const dcrSpec = readJson<{ definitions: Record<string, OpenApiSchema> }>(
  join(
    __dirname,
    '../../vendor/azure-rest-api-specs/specification/monitor/resource-manager/Microsoft.Insights/stable/2024-03-11/dataCollectionRules_API.json',
  ),
);

function fromOpenApi(schema: OpenApiSchema): SchemaNode {
  if (schema.$ref) {
    const m = /^#\/definitions\/(\w+)$/.exec(schema.$ref);
    // A reference into a file we don't have: accept anything there.
    const target = m ? dcrSpec.definitions[m[1] ?? ''] : undefined;
    return target ? fromOpenApi(target) : ANY;
  }
  if (schema.type === 'array')
    return { kind: 'array', element: () => (schema.items ? fromOpenApi(schema.items) : ANY) };
  const keys = new Map<string, () => SchemaNode>();
  const collect = (s: OpenApiSchema): void => {
    const resolved = s.$ref ? dcrSpec.definitions[/(\w+)$/.exec(s.$ref)?.[1] ?? ''] : s;
    if (!resolved) return;
    for (const [k, v] of Object.entries(resolved.properties ?? {})) keys.set(k, () => fromOpenApi(v));
    for (const parent of resolved.allOf ?? []) collect(parent);
  };
  collect(schema);
  if (keys.size === 0 && typeof schema.additionalProperties === 'object') {
    const value = schema.additionalProperties;
    return { kind: 'map', value: () => fromOpenApi(value) };
  }
  return keys.size ? { kind: 'object', keys } : ANY;
}

/** Paths in `shape` that `schema` does not allow. */
function unknownPaths(shape: BicepShape, schema: SchemaNode, path: string): string[] {
  if (schema.kind === 'any' || shape.kind === 'expression') return [];
  if (schema.kind === 'array') {
    return shape.kind === 'array'
      ? shape.elements.flatMap((e) => unknownPaths(e, schema.element(), `${path}[]`))
      : [];
  }
  if (shape.kind !== 'object') return [];
  if (schema.kind === 'map') {
    return [...shape.keys].flatMap(([k, values]) =>
      values.flatMap((v) => unknownPaths(v, schema.value(), `${path}.${k}`)),
    );
  }
  return [...shape.keys].flatMap(([k, values]) => {
    const child = schema.keys.get(k);
    if (!child) return [`${path}.${k}`];
    return values.flatMap((v) => unknownPaths(v, child(), `${path}.${k}`));
  });
}

/** Bicep's own keywords in a resource body, not resource properties. */
const BICEP_KEYS = new Set(['name', 'parent', 'scope', 'dependsOn']);

const NETWORK_MODELS: Record<string, string> = {
  'Microsoft.Network/virtualNetworks': 'VirtualNetwork',
  'Microsoft.Network/virtualNetworks/virtualNetworkPeerings': 'VirtualNetworkPeering',
  'Microsoft.Network/networkInterfaces': 'NetworkInterface',
  'Microsoft.Network/loadBalancers': 'LoadBalancer',
  'Microsoft.Network/routeTables': 'RouteTable',
  'Microsoft.Network/networkSecurityGroups': 'NetworkSecurityGroup',
  'Microsoft.Network/publicIPAddresses': 'PublicIPAddress',
  'Microsoft.Network/azureFirewalls': 'AzureFirewall',
  'Microsoft.Network/bastionHosts': 'BastionHost',
  'Microsoft.Network/virtualNetworkGateways': 'VirtualNetworkGateway',
  'Microsoft.Network/expressRouteCircuits': 'ExpressRouteCircuit',
  'Microsoft.Network/networkManagers': 'NetworkManager',
  'Microsoft.Network/networkManagers/networkGroups': 'NetworkGroup',
  'Microsoft.Network/networkManagers/networkGroups/staticMembers': 'StaticMember',
  'Microsoft.Network/networkManagers/connectivityConfigurations': 'ConnectivityConfiguration',
};

function problemsIn(files: BicepFile[], schemaOf: (type: string) => SchemaNode | undefined): string[] {
  return files.flatMap((file) =>
    file.resources
      .filter((r) => !r.existing)
      .flatMap((r) => {
        const schema = schemaOf(r.type);
        if (!schema) return [];
        return resourceBodyShape(r).flatMap((body) => {
          if (body.kind !== 'object') return [`${r.name}: body is not an object`];
          const properties: BicepShape = {
            kind: 'object',
            keys: new Map([...body.keys].filter(([k]) => !BICEP_KEYS.has(k))),
          };
          return unknownPaths(properties, schema, `${file.path.split('/infra/')[1]}:${r.name}`);
        });
      }),
  );
}

describe('Bicep resource bodies use property names the service schemas define', () => {
  it('the checker finds a misspelt property (self-test)', () => {
    const file = {
      ...readBicep(infraPath('sample', 'modules', 'peering.bicep')),
      path: '/x/infra/peering.bicep',
    };
    const broken = file.resources.map((r) => ({
      ...r,
      text: r.text.replace('allowForwardedTraffic', 'allowForwardTraffic'),
    }));
    expect(
      problemsIn([{ ...file, resources: broken }], (t) =>
        NETWORK_MODELS[t] ? compositeNode(NETWORK_MODELS[t]) : undefined,
      ),
    ).toEqual(['peering.bicep:peering.properties.allowForwardTraffic']);
  });

  it('every Microsoft.Network resource in infra/sample matches the @azure/arm-network models', () => {
    const files = bicepFiles(infraPath('sample', 'main.bicep'), infraPath('sample', 'modules'));
    const checked = files.flatMap((f) => f.resources).filter((r) => !r.existing && NETWORK_MODELS[r.type]);
    expect(checked.length).toBeGreaterThanOrEqual(10);
    expect(
      problemsIn(files, (t) => (NETWORK_MODELS[t] ? compositeNode(NETWORK_MODELS[t]) : undefined)),
    ).toEqual([]);
  });

  it('the NSG rules and load balancer children in referenceEstate.json match the models too', () => {
    const estate = JSON.parse(readFileSync(infraPath('sample', 'referenceEstate.json'), 'utf8')) as {
      networkSecurityGroups: Record<string, unknown[]>;
      loadBalancers: Record<string, { probe: unknown; rules: unknown[] }>;
    };
    const asShape = (value: unknown): BicepShape => {
      if (Array.isArray(value)) return { kind: 'array', elements: value.map(asShape) };
      if (value !== null && typeof value === 'object') {
        return { kind: 'object', keys: new Map(Object.entries(value).map(([k, v]) => [k, [asShape(v)]])) };
      }
      return { kind: 'expression' };
    };
    const problems = [
      ...Object.values(estate.networkSecurityGroups).flatMap((rules) =>
        rules.flatMap((rule) => unknownPaths(asShape(rule), compositeNode('SecurityRule'), 'securityRule')),
      ),
      ...Object.values(estate.loadBalancers).flatMap((lb) => [
        ...unknownPaths(asShape(lb.probe), compositeNode('Probe'), 'probe'),
        ...lb.rules.flatMap((rule) =>
          unknownPaths(asShape(rule), compositeNode('LoadBalancingRule'), 'rule'),
        ),
      ]),
    ];
    expect(problems).toEqual([]);
  });

  it('the data collection rule matches the 2024-03-11 OpenAPI (properties)', () => {
    const files = deploymentBicepFiles();
    const dcr = fromOpenApi({ $ref: '#/definitions/DataCollectionRule' });
    const schemaOf = (type: string): SchemaNode | undefined =>
      type === 'Microsoft.Insights/dataCollectionRules'
        ? {
            kind: 'object',
            keys: new Map([
              ['properties', () => dcr],
              ['location', () => ANY],
              ['tags', () => ANY],
            ]),
          }
        : undefined;
    expect(
      files.flatMap((f) => f.resources).some((r) => r.type === 'Microsoft.Insights/dataCollectionRules'),
    ).toBe(true);
    expect(problemsIn(files, schemaOf)).toEqual([]);
  });
});
