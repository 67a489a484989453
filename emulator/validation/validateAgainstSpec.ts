import type { ArmError } from '../../src/arm/errors/ArmError';
import { invalidRequestFormat } from '../../src/arm/errors/commonErrors';
import { checkBody } from './spec/checkBody';
import { loadSdkMappers, MapperCompiler } from './spec/compileMappers';
import { SwaggerCompiler } from './spec/compileSwagger';
import type { SchemaNode } from './spec/SchemaNode';
import { networkSpecFolder } from './spec/specDirectory';

const SPEC_FILES = [
  'virtualNetwork.json',
  'networkInterface.json',
  'loadBalancer.json',
  'networkSecurityGroup.json',
  'routeTable.json',
  'publicIpAddress.json',
] as const;

/** Types whose OpenAPI file is not in the shared specs: validated against the SDK's models instead. */
const SDK_MODELS: Record<string, string> = {
  'microsoft.network/azurefirewalls': 'AzureFirewall',
  'microsoft.network/bastionhosts': 'BastionHost',
  'microsoft.network/expressroutecircuits': 'ExpressRouteCircuit',
  'microsoft.network/expressroutecircuits/peerings': 'ExpressRouteCircuitPeering',
  'microsoft.network/expressroutecircuits/authorizations': 'ExpressRouteCircuitAuthorization',
  'microsoft.network/virtualnetworkgateways': 'VirtualNetworkGateway',
  'microsoft.network/natgateways': 'NatGateway',
  'microsoft.network/networkmanagers': 'NetworkManager',
  'microsoft.network/networkmanagers/networkgroups': 'NetworkGroup',
  'microsoft.network/networkmanagers/networkgroups/staticmembers': 'StaticMember',
  'microsoft.network/networkmanagers/connectivityconfigurations': 'ConnectivityConfiguration',
  // The body of POST networkManagers/{}/commit (not a resource; validated the same way).
  'microsoft.network/networkmanagers/commit': 'NetworkManagerCommit',
};

let schemas: Map<string, SchemaNode> | undefined;

/** Compiled once, on first use: about 350 kB of OpenAPI plus the SDK's mappers. */
function schemaTable(): Map<string, SchemaNode> {
  if (!schemas) {
    const table = new SwaggerCompiler(networkSpecFolder()).resourceTypes(SPEC_FILES);
    const mappers = new MapperCompiler(loadSdkMappers());
    for (const [type, model] of Object.entries(SDK_MODELS)) table.set(type, mappers.model(model));
    schemas = table;
  }
  return schemas;
}

/** Resource types (lower case) that have a body schema. */
export function specResourceTypes(): string[] {
  return [...schemaTable().keys()];
}

/**
 * Checks a PUT body (top-level or child resource, e.g. 'Microsoft.Network/virtualNetworks/subnets')
 * against the official definitions: types, closed enums and required fields. Returns ARM's 400
 * (InvalidRequestFormat, target = the field path such as 'properties.addressSpace.addressPrefixes[0]'),
 * or undefined when the body is acceptable. Types without a schema only get the envelope check.
 */
export function validateAgainstSpec(resourceType: string, body: unknown): ArmError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalidRequestFormat('Cannot parse the request. The request body must be a JSON object.', '');
  }
  const schema = schemaTable().get(resourceType.toLowerCase());
  return schema ? checkBody(schema, body, '') : undefined;
}
