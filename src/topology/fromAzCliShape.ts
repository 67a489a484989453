import { isPlainObject } from './isPlainObject';
import type { MapperProperty, MapperType } from './sdkModelMappers';
import { avnmModelMappers } from './avnmModelMappers';
import { privateDnsModelMappers } from './privateDnsModelMappers';
import { sdkModelMappers } from './sdkModelMappers';

/** SDK model of each type, for `az network ... list/show` output. */
const MODEL_BY_TYPE: Record<string, string> = {
  'microsoft.network/virtualnetworks': 'VirtualNetwork',
  'microsoft.network/virtualnetworks/subnets': 'Subnet',
  'microsoft.network/virtualnetworks/virtualnetworkpeerings': 'VirtualNetworkPeering',
  'microsoft.network/networkinterfaces': 'NetworkInterface',
  'microsoft.network/loadbalancers': 'LoadBalancer',
  'microsoft.network/routetables': 'RouteTable',
  'microsoft.network/routetables/routes': 'Route',
  'microsoft.network/networksecuritygroups': 'NetworkSecurityGroup',
  'microsoft.network/networksecuritygroups/securityrules': 'SecurityRule',
  'microsoft.network/publicipaddresses': 'PublicIPAddress',
  'microsoft.network/natgateways': 'NatGateway',
  'microsoft.network/azurefirewalls': 'AzureFirewall',
  'microsoft.network/virtualnetworkgateways': 'VirtualNetworkGateway',
  'microsoft.network/bastionhosts': 'BastionHost',
  'microsoft.network/expressroutecircuits': 'ExpressRouteCircuit',
  'microsoft.network/expressroutecircuits/peerings': 'ExpressRouteCircuitPeering',
  'microsoft.network/privatednszones': 'PrivateDnsZone',
  'microsoft.network/privatednszones/virtualnetworklinks': 'PrivateDnsVirtualNetworkLink',
  'microsoft.network/privatednszones/a': 'PrivateDnsRecordSet',
  'microsoft.network/privatednszones/aaaa': 'PrivateDnsRecordSet',
  'microsoft.network/networkmanagers': 'NetworkManager',
  'microsoft.network/networkmanagers/networkgroups': 'NetworkGroup',
  'microsoft.network/networkmanagers/networkgroups/staticmembers': 'StaticMember',
  'microsoft.network/networkmanagers/connectivityconfigurations': 'ConnectivityConfiguration',
  'microsoft.network/networkmanagers/deploymentstatus': 'NetworkManagerDeploymentStatusResource',
};

/** Fields of a resource's envelope: a resource with nothing else (or with `properties`) is already in ARM's shape. */
const ENVELOPE = new Set([
  'id',
  'name',
  'type',
  'location',
  'tags',
  'etag',
  'sku',
  'zones',
  'kind',
  'managedBy',
  'plan',
  'identity',
  'extendedLocation',
  'systemData',
  'resourceGroup',
  'subscriptionId',
  'tenantId',
]);
/** `az` adds these at every level; ARM does not have them. */
const AZ_ONLY = new Set(['resourceGroup', 'subscriptionId', 'tenantId']);

const byLowerName = new Map<string, Map<string, MapperProperty>>();

function propertiesOf(className: string): Map<string, MapperProperty> {
  let index = byLowerName.get(className);
  if (!index) {
    const props =
      (privateDnsModelMappers[className] ?? avnmModelMappers[className] ?? sdkModelMappers()[className])?.type
        .modelProperties ?? {};
    // By wire name as well: the JS and Python SDKs sometimes name a property differently (`active` vs `activeActive`).
    const entries = Object.entries(props);
    index = new Map([
      ...entries.map(([, prop]): [string, MapperProperty] => [wireName(prop).toLowerCase(), prop]),
      ...entries.map(([name, prop]): [string, MapperProperty] => [name.toLowerCase(), prop]),
    ]);
    byLowerName.set(className, index);
  }
  return index;
}

function splitPath(serializedName: string): string[] {
  // `\\.` escapes a dot that is part of a name.
  return serializedName.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
}

function wireName(prop: MapperProperty): string {
  return splitPath(prop.serializedName ?? '').at(-1) ?? '';
}

function setPath(target: Record<string, unknown>, serializedName: string, value: unknown): void {
  const parts = splitPath(serializedName);
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = isPlainObject(next) ? next : (node[part] = {});
  }
  node[parts.at(-1) ?? serializedName] = value;
}

function toWireValue(value: unknown, type: MapperType): unknown {
  if (type.name === 'Composite' && type.className && isPlainObject(value))
    return toWire(value, type.className);
  if (type.name === 'Sequence' && Array.isArray(value) && type.element)
    return value.map((item) => toWireValue(item, type.element?.type ?? { name: 'Any' }));
  return value;
}

/**
 * `az` writes the SDK's flattened models (no `properties`, names camel-cased
 * from Python, e.g. `privateIpAddress`). The SDK's mappers say where each
 * property goes on the wire, so matching names case-insensitively rebuilds
 * ARM's shape. Nulls are dropped (ARM omits absent fields); unknown fields stay.
 */
function toWire(flat: Record<string, unknown>, className: string): Record<string, unknown> {
  const props = propertiesOf(className);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (value === null || AZ_ONLY.has(key)) continue;
    const prop = props.get(key.toLowerCase());
    if (prop?.serializedName) setPath(out, prop.serializedName, toWireValue(value, prop.type));
    else out[key] = value;
  }
  return out;
}

/** True when a resource looks like `az network ...` output rather than ARM GET. */
export function isAzCliShape(raw: Record<string, unknown>): boolean {
  return raw.properties === undefined && Object.keys(raw).some((key) => !ENVELOPE.has(key));
}

/** The ARM GET shape of an `az network` resource, or the resource unchanged when its type has no SDK model here. */
export function fromAzCliShape(raw: Record<string, unknown>): Record<string, unknown> {
  const className = typeof raw.type === 'string' ? MODEL_BY_TYPE[raw.type.toLowerCase()] : undefined;
  return className ? toWire(raw, className) : raw;
}
