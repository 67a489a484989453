import type { Cidr } from '../../arm/cidr';
import { formatCidr } from '../../arm/cidr';
import { ipv4Mask, parseIpv4Block } from '../ipv4Number';
import type { DualStackConfig } from '../config/DualStackConfig';
import { SUBNET_PREFIX_LENGTH } from '../config/DualStackConfig';
import type { Finding, SubnetPlan } from '../Plan';
import type { VnetInfo } from '../discovery/EstateIndex';
import { parseIpv6Cidr } from '../prefixes';
import { SlotSet } from './SlotSet';
import type { Json } from '../json';
import { hasUnknownDelegation } from '../steps/delegationSupport';

export type SubnetRole = 'firewall' | 'bastion' | 'gateway' | 'routeServer' | 'regular';

export function subnetRole(name: string): SubnetRole {
  switch (name.toLowerCase()) {
    case 'azurefirewallsubnet':
    case 'azurefirewallmanagementsubnet':
      return 'firewall';
    case 'azurebastionsubnet':
      return 'bastion';
    case 'gatewaysubnet':
      return 'gateway';
    case 'routeserversubnet':
      return 'routeServer';
    default:
      return 'regular';
  }
}

/** Whether a subnet without IPv6 should get a /64 under this configuration. */
export function wantsIpv6(name: string, config: DualStackConfig): boolean {
  switch (subnetRole(name)) {
    case 'firewall':
      return config.firewallSubnetIpv6;
    case 'bastion':
      return config.bastionSubnetIpv6;
    case 'routeServer':
      return false;
    default:
      return true;
  }
}

/**
 * Whether this subnet gets a /64 now: its role wants one and no delegation to a service Dualstack
 * doesn't know holds it back (steps/subnetFindings.ts raises the manual action).
 */
export function getsIpv6(subnet: { name: string; body: Json }, config: DualStackConfig): boolean {
  return wantsIpv6(subnet.name, config) && !hasUnknownDelegation(subnet.body);
}

export interface SubnetPrefixPlan {
  /** in the VNet's subnet order; a new /64 has `existing: false` */
  subnets: SubnetPlan[];
  blockers: Finding[];
}

/**
 * The /64 a subnet prefers: its IPv4 place inside the VNet, scaled to the block. The VNet's
 * IPv4 prefix is cut into as many equal parts as the block has /64s (256 for a /56) and the
 * subnet takes the number of the part its first address falls in. For a /16 VNet of /24
 * subnets that is the third octet: 10.0.3.0/24 → …:3::/64, exactly Microsoft's guide
 * numbering. It depends on nothing but the subnet's own IPv4 prefix, so adding, removing or
 * reordering other subnets never moves it.
 */
export function preferredSubnetSlot(
  vnetIpv4: string[],
  subnetIpv4: string[],
  slotCount: bigint,
): bigint | undefined {
  const first = subnetIpv4.map(parseIpv4Block).find((c) => c !== undefined);
  if (!first) return undefined;
  const slotBits = slotCount.toString(2).length - 1;
  for (const text of vnetIpv4) {
    const space = parseIpv4Block(text);
    if (
      !space ||
      first.length < space.length ||
      (first.network & ipv4Mask(space.length)) >>> 0 !== space.network
    )
      continue;
    const hostBits = 32 - space.length;
    const shift = hostBits > slotBits ? hostBits - slotBits : 0;
    const slot = BigInt(Math.floor((first.network - space.network) / 2 ** shift));
    return slot < slotCount ? slot : undefined;
  }
  return undefined;
}

/**
 * /64s inside the VNet's block. Each subnet wanting IPv6 takes its preferred /64 (see
 * preferredSubnetSlot) when free. Subnets that lose a tie, or have no preference, take the
 * first /64 nobody prefers (IPv4-only subnets such as AzureFirewallSubnet keep theirs free so
 * switching them on later moves nobody), and any free /64 as a last resort.
 */
export function planSubnetPrefixes(vnet: VnetInfo, block: Cidr, config: DualStackConfig): SubnetPrefixPlan {
  const slots = new SlotSet(block, SUBNET_PREFIX_LENGTH);
  for (const s of vnet.subnets)
    for (const p of s.ipv6) {
      const cidr = parseIpv6Cidr(p);
      if (cidr) slots.markPrefix(cidr);
    }
  const blockers: Finding[] = [];
  // By the subnet's position: a VNet has a handful, and a plan does this for every VNet.
  const preferred = vnet.subnets.map((s) => preferredSubnetSlot(vnet.ipv4, s.ipv4, slots.count));
  const preferredByAnyone = new Set<bigint>();
  vnet.subnets.forEach((s, i) => {
    const slot = preferred[i];
    if (slot !== undefined && s.ipv6.length === 0) preferredByAnyone.add(slot);
  });
  const chosen: (bigint | undefined)[] = vnet.subnets.map(() => undefined);
  const late: number[] = [];
  vnet.subnets.forEach((s, i) => {
    if (s.ipv6.length > 0 || !getsIpv6(s, config)) return;
    const slot = preferred[i];
    if (slot !== undefined && !slots.has(slot)) {
      slots.mark(slot);
      chosen[i] = slot;
    } else late.push(i);
  });
  for (const i of late) {
    const s = vnet.subnets[i];
    if (!s) continue;
    let slot: bigint | undefined;
    for (let n = 0n; n < slots.count && slot === undefined; n++)
      if (!slots.has(n) && !preferredByAnyone.has(n)) slot = n;
    slot ??= slots.probe(0n);
    if (slot === undefined) {
      blockers.push({
        code: 'VnetIpv6Full',
        resourceId: s.id,
        message: `no free /64 left in ${formatCidr(block)} for subnet ${s.name}`,
        fix: 'Add a larger IPv6 block to the VNet, or free a /64.',
      });
      continue;
    }
    slots.mark(slot);
    chosen[i] = slot;
  }
  const subnets: SubnetPlan[] = vnet.subnets.map((s, i) => {
    const slot = chosen[i];
    if (slot !== undefined) {
      const prefix = formatCidr({
        version: 'IPv6',
        network: slots.networkOf(slot),
        length: SUBNET_PREFIX_LENGTH,
      });
      return { name: s.name, ipv4Prefixes: s.ipv4, ipv6Prefix: prefix, existing: false };
    }
    const existing = s.ipv6[0];
    return existing
      ? { name: s.name, ipv4Prefixes: s.ipv4, ipv6Prefix: existing, existing: true }
      : { name: s.name, ipv4Prefixes: s.ipv4, existing: false };
  });
  return { subnets, blockers };
}
