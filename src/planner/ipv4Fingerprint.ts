import type { ArmResource } from '../arm/ArmResource';
import type { Json } from './json';
import { nameOf, obj, objs, props, refId, str, strs } from './json';
import { canonicalPrefix, ipv4Only, isIpv6, subnetPrefixes } from './prefixes';
import { isIpv6Config } from './isIpv6Config';

/** Fields ARM changes on every write. */
const VOLATILE = new Set(['etag', 'provisioningState', 'resourceGuid', 'peeringSyncLevel']);

/** Read-only back-references that IPv6 additions legitimately extend (a subnet's ip configurations, a pool's members). */
function withoutBackReferences(p: Json): Json {
  const { ipConfigurations, backendIPConfigurations, ...rest } = p;
  void ipConfigurations;
  void backendIPConfigurations;
  return rest;
}

/** Read-only lists ARM keeps on load balancer frontends, pools and probes: an IPv6 twin rule sharing a probe extends them. */
const LB_BACK_REFERENCES = [
  'loadBalancingRules',
  'inboundNatRules',
  'inboundNatPools',
  'outboundRules',
  'outboundRule',
];

function withoutLbBackReferences(child: Json): Json {
  const rest = Object.fromEntries(
    Object.entries(withoutBackReferences(props(child))).filter(([k]) => !LB_BACK_REFERENCES.includes(k)),
  );
  return { ...child, properties: rest };
}

/** JSON with sorted keys and volatile fields dropped, so equal content compares equal as text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const o = obj(value);
  if (!o) return JSON.stringify(value) ?? 'null';
  return `{${Object.keys(o)
    // An empty list says what an absent one says (ARM fills some in on write).
    .filter(
      (k) =>
        !VOLATILE.has(k) && o[k] !== undefined && !(Array.isArray(o[k]) && (o[k] as unknown[]).length === 0),
    )
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

function byName(
  children: Json[],
  keep: (c: Json) => boolean,
  view: (c: Json) => unknown,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of children) if (keep(c)) out[nameOf(c).toLowerCase()] = stable(view(c));
  return out;
}

function isIpv6Child(c: Json): boolean {
  return isIpv6Config(props(c));
}

function prefixList(p: Json, side: string): string[] {
  const many = strs(p[`${side}AddressPrefixes`]);
  const one = str(p[`${side}AddressPrefix`]);
  return many.length > 0 ? many : one ? [one] : [];
}

function vnetView(p: Json): unknown {
  return {
    addressSpace: ipv4Only(strs(obj(p.addressSpace)?.addressPrefixes)).map(canonicalPrefix),
    subnets: byName(
      objs(p.subnets),
      () => true,
      (s) => {
        const sp = props(s);
        // addressPrefix and addressPrefixes carrying the same IPv4 are the same thing.
        const rest = Object.fromEntries(
          Object.entries(withoutBackReferences(sp)).filter(
            ([k]) => k !== 'addressPrefix' && k !== 'addressPrefixes',
          ),
        );
        return { ...rest, ipv4Prefixes: ipv4Only(subnetPrefixes(sp)).map(canonicalPrefix) };
      },
    ),
    peerings: byName(
      objs(p.virtualNetworkPeerings),
      () => true,
      (peering) => peeringView(props(peering)),
    ),
  };
}

function peeringView(p: Json): unknown {
  const space = (field: string) => ipv4Only(strs(obj(p[field])?.addressPrefixes)).map(canonicalPrefix);
  const rest = Object.fromEntries(
    Object.entries(p).filter(([k]) => k !== 'remoteAddressSpace' && k !== 'remoteVirtualNetworkAddressSpace'),
  );
  return {
    ...rest,
    remoteAddressSpace: space('remoteAddressSpace'),
    remoteVirtualNetworkAddressSpace: space('remoteVirtualNetworkAddressSpace'),
  };
}

/**
 * IPv6 frontends. ARM's body does not say a public frontend's version (that is its public IP's, and
 * `privateIPAddressVersion` is only echoed as sent), so a public frontend also counts as IPv6 when its
 * public IP is the `<name>-ipv6` twin Dualstack creates of another frontend's public IP.
 */
function ipv6FrontendsOf(frontends: Json[]): Json[] {
  const publicIpOf = (f: Json) => refId(props(f).publicIPAddress)?.toLowerCase();
  const publicIps = new Set(frontends.map(publicIpOf));
  return frontends.filter((f) => {
    const pip = publicIpOf(f);
    return isIpv6Child(f) || (pip !== undefined && pip.endsWith('-ipv6') && publicIps.has(pip.slice(0, -5)));
  });
}

function loadBalancerView(p: Json): unknown {
  const frontends = objs(p.frontendIPConfigurations);
  const ipv6Frontends = new Set(ipv6FrontendsOf(frontends).map((f) => (str(f.id) ?? '').toLowerCase()));
  const rules = objs(p.loadBalancingRules);
  const isIpv6Rule = (r: Json) =>
    ipv6Frontends.has((refId(props(r).frontendIPConfiguration) ?? '').toLowerCase());
  const ipv6Pools = new Set(
    rules
      .filter(isIpv6Rule)
      .flatMap((r) =>
        [
          refId(props(r).backendAddressPool) ?? '',
          ...objs(props(r).backendAddressPools).map((x) => str(x.id) ?? ''),
        ].map((x) => x.toLowerCase()),
      ),
  );
  return {
    frontends: byName(
      frontends,
      (f) => !ipv6Frontends.has((str(f.id) ?? '').toLowerCase()),
      withoutLbBackReferences,
    ),
    pools: byName(
      objs(p.backendAddressPools),
      (b) => !ipv6Pools.has((str(b.id) ?? '').toLowerCase()) && !nameOf(b).toLowerCase().endsWith('-ipv6'),
      withoutLbBackReferences,
    ),
    rules: byName(
      rules,
      (r) => !isIpv6Rule(r),
      (r) => r,
    ),
    probes: byName(objs(p.probes), () => true, withoutLbBackReferences),
    inboundNatRules: byName(
      objs(p.inboundNatRules),
      () => true,
      (x) => x,
    ),
    outboundRules: byName(
      objs(p.outboundRules),
      () => true,
      (x) => x,
    ),
  };
}

function withoutIpv6Peering(p: Json): Json {
  return Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'ipv6PeeringConfig'));
}

/** The parts of a resource that IPv4 traffic depends on, keyed by what they are. */
function view(resource: ArmResource): unknown {
  const p = props(resource);
  switch (resource.type.toLowerCase()) {
    case 'microsoft.network/virtualnetworks':
      return vnetView(p);
    case 'microsoft.network/virtualnetworks/virtualnetworkpeerings':
      return peeringView(p);
    case 'microsoft.network/networkinterfaces':
      return {
        ipConfigurations: byName(
          objs(p.ipConfigurations),
          (c) => !isIpv6Child(c),
          (c) => c,
        ),
        networkSecurityGroup: p.networkSecurityGroup,
      };
    case 'microsoft.network/loadbalancers':
      return { sku: resource.sku, ...(loadBalancerView(p) as Json) };
    case 'microsoft.network/routetables':
      return {
        disableBgpRoutePropagation: p.disableBgpRoutePropagation,
        routes: byName(
          objs(p.routes),
          (r) => !isIpv6(str(props(r).addressPrefix) ?? ''),
          (r) => r,
        ),
      };
    case 'microsoft.network/networksecuritygroups':
      return {
        securityRules: byName(
          objs(p.securityRules),
          (r) => {
            const all = [...prefixList(props(r), 'source'), ...prefixList(props(r), 'destination')];
            return !all.some(isIpv6);
          },
          (r) => r,
        ),
      };
    case 'microsoft.network/expressroutecircuits/peerings':
      return withoutIpv6Peering(p);
    case 'microsoft.network/expressroutecircuits':
      return {
        ...p,
        peerings: byName(
          objs(p.peerings),
          () => true,
          (x) => withoutIpv6Peering(props(x)),
        ),
      };
    case 'microsoft.network/privatednszones':
      // The zone's own properties are the service's counters; its names are in its record sets.
      return {};
    case 'microsoft.network/privatednszones/a':
      return { ttl: p.ttl, aRecords: p.aRecords };
    case 'microsoft.network/networkmanagers/deploymentstatus': {
      // What is deployed where; a commit that deploys the same configurations again only moves commitTime.
      const { commitTime: _moved, ...deployed } = p;
      return deployed;
    }
    case 'microsoft.network/privatednszones/aaaa':
      // An AAAA set's records, TTL and metadata are IPv6 names; only an A record in it would be IPv4.
      return { aRecords: p.aRecords };
    default:
      return p;
  }
}

/**
 * "IPv4 unchanged", made exact: the IPv4 address space and subnet prefixes (addressPrefix vs
 * addressPrefixes spelling aside), every IPv4 ip configuration, IPv4 routes and NSG rules,
 * IPv4 frontends, pools, rules and probes, byte-identical after volatile fields are dropped.
 * The planner's tests and the verify activity both compare with this.
 */
export function ipv4Fingerprint(resource: ArmResource): string {
  return stable({ id: resource.id.toLowerCase(), type: resource.type.toLowerCase(), view: view(resource) });
}

/** The top-level keys whose IPv4 content differs; empty when IPv4 is unchanged. */
export function ipv4Differences(before: ArmResource, after: ArmResource): string[] {
  const a = obj(JSON.parse(ipv4Fingerprint(before)))?.view;
  const b = obj(JSON.parse(ipv4Fingerprint(after)))?.view;
  const ao = obj(a) ?? {};
  const bo = obj(b) ?? {};
  const diffs: string[] = [];
  for (const key of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
    const x = obj(ao[key]);
    const y = obj(bo[key]);
    if (x && y) {
      for (const name of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort())
        if (stable(x[name]) !== stable(y[name])) diffs.push(`${key}.${name}`);
    } else if (stable(ao[key]) !== stable(bo[key])) diffs.push(key);
  }
  return diffs;
}

export function sameIpv4(before: ArmResource, after: ArmResource): boolean {
  return ipv4Fingerprint(before) === ipv4Fingerprint(after);
}
