import type { ArmResource } from '../../arm/ArmResource';
import { isResourceId, keyOf } from '../ids';
import { isIpv6Config } from '../isIpv6Config';
import { keyCache } from '../keyCache';
import { PlanInputError } from '../PlanInputError';
import { nameOf, obj, objs, props, refId, refIds, str, strs } from '../json';
import { cidrVersion, ipv4Only, ipv6Only, subnetPrefixes } from '../prefixes';
import type { EstateIndex, NicInfo, PeeringInfo, SubnetInfo, VnetInfo } from './EstateIndex';

const AVNM_TYPES = 'microsoft.network/networkmanagers';

const TYPES = {
  vnet: 'microsoft.network/virtualnetworks',
  nic: 'microsoft.network/networkinterfaces',
  lb: 'microsoft.network/loadbalancers',
  rt: 'microsoft.network/routetables',
  nsg: 'microsoft.network/networksecuritygroups',
  circuit: 'microsoft.network/expressroutecircuits',
  gateway: 'microsoft.network/virtualnetworkgateways',
  pip: 'microsoft.network/publicipaddresses',
  nat: 'microsoft.network/natgateways',
  dnsZone: 'microsoft.network/privatednszones',
  dnsLink: 'microsoft.network/privatednszones/virtualnetworklinks',
  dnsA: 'microsoft.network/privatednszones/a',
  dnsAaaa: 'microsoft.network/privatednszones/aaaa',
};

/**
 * The lower-cased type. ARM spells each type one way, and those spellings differ in length, so
 * comparing against them costs less than hashing each resource's type string for a lookup.
 */
function typeKey(type: string): string {
  switch (type) {
    case 'Microsoft.Network/networkInterfaces':
      return TYPES.nic;
    case 'Microsoft.Network/networkSecurityGroups':
      return TYPES.nsg;
    case 'Microsoft.Network/routeTables':
      return TYPES.rt;
    case 'Microsoft.Network/virtualNetworks':
      return TYPES.vnet;
    case 'Microsoft.Network/loadBalancers':
      return TYPES.lb;
    case 'Microsoft.Network/expressRouteCircuits':
      return TYPES.circuit;
    case 'Microsoft.Network/virtualNetworkGateways':
      return TYPES.gateway;
    default:
      return type.toLowerCase();
  }
}

function checkPrefixes(problems: string[], id: string, field: string, prefixes: unknown): void {
  if (!Array.isArray(prefixes)) {
    problems.push(`${id}: ${field} must be an array of CIDRs`);
    return;
  }
  prefixes.forEach((p, i) => {
    if (typeof p !== 'string' || cidrVersion(p) === undefined)
      problems.push(`${id}: ${field}[${i}] ${JSON.stringify(p)} is not a CIDR`);
  });
}

function indexVnet(resource: ArmResource, key: string, problems: string[]): VnetInfo {
  const p = props(resource);
  const space = obj(p.addressSpace)?.addressPrefixes;
  checkPrefixes(problems, resource.id, 'properties.addressSpace.addressPrefixes', space);
  const prefixes = strs(space);
  const subnets: SubnetInfo[] = objs(p.subnets).map((s, index) => {
    const name = nameOf(s);
    const id = str(s.id) ?? `${resource.id}/subnets/${name}`;
    const sp = props(s);
    const all = subnetPrefixes(sp);
    if (!name) problems.push(`${resource.id}: properties.subnets[${index}].name is missing`);
    if (all.length === 0)
      problems.push(`${id}: properties.addressPrefix or properties.addressPrefixes is required`);
    else
      checkPrefixes(
        problems,
        id,
        sp.addressPrefixes !== undefined ? 'properties.addressPrefixes' : 'properties.addressPrefix',
        all,
      );
    return {
      key: keyOf(id),
      id,
      name,
      index,
      vnetKey: key,
      body: s,
      ipv4: ipv4Only(all),
      ipv6: ipv6Only(all),
      nsgId: refId(sp.networkSecurityGroup),
      routeTableId: refId(sp.routeTable),
    };
  });
  const peerings: PeeringInfo[] = objs(p.virtualNetworkPeerings).map((peering) => {
    const name = nameOf(peering);
    const remote = refId(props(peering).remoteVirtualNetwork);
    return {
      id: str(peering.id) ?? `${resource.id}/virtualNetworkPeerings/${name}`,
      name,
      remoteKey: remote ? keyOf(remote) : undefined,
      body: peering,
    };
  });
  return { key, resource, ipv4: ipv4Only(prefixes), ipv6: ipv6Only(prefixes), subnets, peerings };
}

function indexNic(
  resource: ArmResource,
  key: string,
  problems: string[],
  poolKey: (id: string) => string,
): NicInfo {
  const configs = objs(props(resource).ipConfigurations);
  if (configs.length === 0) problems.push(`${resource.id}: properties.ipConfigurations is empty or missing`);
  return {
    key,
    resource,
    nsgId: refId(props(resource).networkSecurityGroup),
    ipConfigs: configs.map((c, i) => {
      const cp = props(c);
      return {
        name: nameOf(c),
        body: c,
        ipv6: isIpv6Config(cp),
        // ARM marks the primary explicitly on multi-config NICs; a single config is primary.
        primary: cp.primary === true || (configs.length === 1 && i === 0),
        subnetId: refId(cp.subnet),
        // Filled by linkNics, once every subnet is indexed; set here so every config has one shape.
        subnetKey: undefined,
        subnet: undefined,
        poolKeys: refIds(cp.loadBalancerBackendAddressPools).map(poolKey),
      };
    }),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NIC_SEGMENT = '/networkinterfaces/';

/**
 * The index, and whether some id may appear more than once. With `seen`, every id is checked
 * against it in input order (the exact problem list). Without, ids are never hashed for the
 * check alone: a 5,000-spoke estate has 45,000 NICs, whose keys are otherwise only sorted.
 * Duplicates then show in the maps (which are filled anyway), among the sorted NICs, or in
 * `others`; NIC keys can only meet other keys when some id breaks the NIC_SEGMENT rule.
 */
function indexResources(
  observed: ArmResource[],
  problems: string[],
  seen: Set<string> | undefined,
): { index: EstateIndex; suspect: boolean } {
  const index: EstateIndex = {
    vnets: new Map(),
    subnets: new Map(),
    nics: [],
    nicsBySubnet: new Map(),
    nicsByPool: new Map(),
    loadBalancers: [],
    routeTables: new Map(),
    networkSecurityGroups: new Map(),
    expressRouteCircuits: [],
    virtualNetworkGateways: [],
    publicIpAddresses: new Map(),
    natGateways: new Map(),
    privateDns: { zones: [], links: [], recordSets: [] },
    avnm: [],
  };
  const others = new Set<string>();
  const loadBalancers: { key: string; resource: ArmResource }[] = [];
  // Every NIC of a spoke names its pool: lower-cased once, one key string kept.
  const poolKey = keyCache();
  let suspect = false;
  const added = (size: number, after: number) => {
    if (after === size) suspect = true;
  };
  observed.forEach((resource, i) => {
    const r = resource as Partial<ArmResource> | null;
    if (!r || typeof r !== 'object' || typeof r.id !== 'string' || !isResourceId(r.id)) {
      problems.push(`observed[${i}]: id ${JSON.stringify(r?.id)} is not an ARM resource id`);
      return;
    }
    if (typeof r.type !== 'string') {
      problems.push(`${r.id}: type is missing`);
      return;
    }
    if (r.properties !== undefined && obj(r.properties) === undefined)
      problems.push(`${r.id}: properties must be an object`);
    const key = keyOf(r.id);
    if (seen) {
      const known = seen.size;
      seen.add(key);
      if (seen.size === known) problems.push(`${r.id}: appears more than once`);
    }
    const type = typeKey(r.type);
    if ((type === TYPES.nic) !== key.includes(NIC_SEGMENT)) suspect = true;
    switch (type) {
      case TYPES.vnet: {
        const vnet = indexVnet(resource, key, problems);
        const size = index.vnets.size;
        index.vnets.set(key, vnet);
        added(size, index.vnets.size);
        for (const s of vnet.subnets) index.subnets.set(s.key, s);
        break;
      }
      case TYPES.nic:
        index.nics.push(indexNic(resource, key, problems, poolKey));
        return;
      case TYPES.lb:
        loadBalancers.push({ key, resource });
        break;
      case TYPES.rt: {
        const size = index.routeTables.size;
        index.routeTables.set(key, resource);
        added(size, index.routeTables.size);
        return;
      }
      case TYPES.nsg: {
        const size = index.networkSecurityGroups.size;
        index.networkSecurityGroups.set(key, resource);
        added(size, index.networkSecurityGroups.size);
        return;
      }
      case TYPES.circuit:
        index.expressRouteCircuits.push(resource);
        break;
      case TYPES.gateway:
        index.virtualNetworkGateways.push(resource);
        break;
      case TYPES.pip:
        index.publicIpAddresses.set(key, resource);
        break;
      case TYPES.nat:
        index.natGateways.set(key, resource);
        break;
      case TYPES.dnsZone:
        index.privateDns.zones.push(resource);
        break;
      case TYPES.dnsLink:
        index.privateDns.links.push(resource);
        break;
      case TYPES.dnsA:
      case TYPES.dnsAaaa:
        index.privateDns.recordSets.push(resource);
        break;
      default:
        if (type.startsWith(AVNM_TYPES)) index.avnm.push(resource);
        break;
    }
    // VNets, load balancers, circuits, gateways and other types: a few thousand, so a set is cheap.
    if (!seen && type !== TYPES.vnet) {
      const size = others.size;
      others.add(key);
      added(size, others.size);
    }
  });
  // Plans must not depend on the order ARM happened to list things in.
  index.nics.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  loadBalancers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  index.loadBalancers = loadBalancers.map((lb) => lb.resource);
  for (let n = 1; n < index.nics.length; n++)
    if (index.nics[n]?.key === index.nics[n - 1]?.key) suspect = true;
  // Keys of VNets, route tables and NSGs may only meet each other's, or the others', here.
  if (!seen && !suspect)
    for (const keys of [index.routeTables.keys(), index.networkSecurityGroups.keys()])
      for (const k of keys) if (index.vnets.has(k) || others.has(k)) suspect = true;
  if (!seen && !suspect)
    for (const k of index.routeTables.keys()) if (index.networkSecurityGroups.has(k)) suspect = true;
  if (!seen && !suspect) for (const k of index.vnets.keys()) if (others.has(k)) suspect = true;
  linkNics(index);
  return { index, suspect };
}

/**
 * NICs by subnet and by pool. NICs name their subnet as the VNet lists it: matching the id as
 * written first spares lower-casing one id per NIC and keeps a single copy of each subnet key.
 */
function linkNics(index: EstateIndex): void {
  const subnetsById = new Map<string, SubnetInfo>();
  for (const s of index.subnets.values()) subnetsById.set(s.id, s);
  for (const nic of index.nics) {
    let first: string | undefined;
    let more: string[] | undefined;
    for (const c of nic.ipConfigs) {
      if (c.subnetId) {
        c.subnet = subnetsById.get(c.subnetId);
        c.subnetKey = c.subnet?.key ?? keyOf(c.subnetId);
        c.subnet ??= index.subnets.get(c.subnetKey);
      }
      for (const pool of c.poolKeys) push(index.nicsByPool, pool, nic);
      const k = c.subnetKey;
      if (k === undefined || k === first || more?.includes(k)) continue;
      if (first === undefined) first = k;
      else (more ??= []).push(k);
    }
    if (first !== undefined) push(index.nicsBySubnet, first, nic);
    if (more) for (const k of more) push(index.nicsBySubnet, k, nic);
  }
}

/** One pass over the observed resources; throws PlanInputError naming every malformed resource. */
export function indexEstate(observed: ArmResource[]): EstateIndex {
  const problems: string[] = [];
  const { index, suspect } = indexResources(observed, problems, undefined);
  if (problems.length === 0 && !suspect) return index;
  // Rare: the problems again, each id checked in input order, as one list.
  const exact: string[] = [];
  const again = indexResources(observed, exact, new Set());
  if (exact.length > 0) throw new PlanInputError(exact);
  return again.index;
}
