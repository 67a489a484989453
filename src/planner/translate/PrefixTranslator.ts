import { formatIpv4Block, parseIpv4Block } from '../ipv4Number';
import { canonicalPrefix } from '../prefixes';
import { Ipv4Lookup } from './Ipv4Lookup';

export type Translation =
  /** not an IPv4 prefix ('*', a service tag, already IPv6): usable as it is */
  | { kind: 'same' }
  | { kind: 'ipv6'; prefix: string; vnetKey?: string; broadened: boolean }
  | { kind: 'fail'; reason: string };

export interface TranslatorSources {
  onPremisesPrefixMap: Record<string, string>;
  /** IPv4 prefix of a VNet -> that VNet's IPv6 block (only VNets that have or get IPv6) */
  vnets: { key: string; id: string; ipv4: string[]; ipv6?: string }[];
  /** IPv4 prefix of a subnet -> its IPv6 /64 (only dual-stack subnets) */
  subnets: { ipv4: string[]; ipv6: string }[];
}

/**
 * IPv4 → IPv6 for route destinations and NSG prefixes:
 * 0.0.0.0/0 → ::/0; an onPremisesPrefixMap entry (exact match) → its value;
 * inside a known VNet's IPv4 space → that VNet's block (NSGs: the subnet's /64 when it
 * sits inside one, so a rule about one subnet doesn't open a whole VNet).
 */
export class PrefixTranslator {
  private readonly map = new Map<string, string>();
  private readonly vnetLookup = new Ipv4Lookup<{ key: string; id: string; ipv6?: string }>();
  private readonly subnetLookup = new Ipv4Lookup<string>();

  constructor(sources: TranslatorSources) {
    for (const [v4, v6] of Object.entries(sources.onPremisesPrefixMap)) this.map.set(canonicalPrefix(v4), v6);
    for (const v of sources.vnets) for (const p of v.ipv4) this.vnetLookup.add(p, v);
    for (const s of sources.subnets) for (const p of s.ipv4) this.subnetLookup.add(p, s.ipv6);
  }

  translate(text: string, granularity: 'vnet' | 'subnet'): Translation {
    const trimmed = text.trim();
    const cidr = trimmed.includes(':') ? undefined : parseIpv4Block(trimmed);
    if (!cidr) return { kind: 'same' };
    if (cidr.length === 0) return { kind: 'ipv6', prefix: '::/0', broadened: false };
    const mapped = this.map.size > 0 ? this.map.get(formatIpv4Block(cidr)) : undefined;
    if (mapped) return { kind: 'ipv6', prefix: mapped, broadened: false };
    const vnet = this.vnetLookup.findBlock(cidr);
    if (!vnet)
      return { kind: 'fail', reason: `${trimmed} is neither in a known VNet nor in onPremisesPrefixMap` };
    if (!vnet.value.ipv6)
      return { kind: 'fail', reason: `${trimmed} is in ${vnet.value.id}, which has no IPv6 in this plan` };
    if (granularity === 'subnet') {
      const subnet = this.subnetLookup.findBlock(cidr);
      if (subnet)
        return { kind: 'ipv6', prefix: subnet.value, vnetKey: vnet.value.key, broadened: !subnet.exact };
    }
    return { kind: 'ipv6', prefix: vnet.value.ipv6, vnetKey: vnet.value.key, broadened: !vnet.exact };
  }
}
