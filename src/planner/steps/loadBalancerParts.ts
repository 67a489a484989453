import type { ArmResource } from '../../arm/ArmResource';
import { keyOf } from '../ids';
import { isIpv6Config } from '../isIpv6Config';
import type { Json } from '../json';
import { nameOf, obj, objs, props, refId, refIds, str } from '../json';

export interface Frontend {
  name: string;
  id: string;
  key: string;
  body: Json;
  ipv6: boolean;
  subnetKey?: string;
  isPublic: boolean;
  /** the public IP a public frontend uses (not a public IP prefix) */
  publicIpId?: string;
  privateIPAddress?: string;
}

function childId(lb: ArmResource, collection: string, child: Json): string {
  return str(child.id) ?? `${lb.id}/${collection}/${nameOf(child)}`;
}

/**
 * The load balancer's frontends. A public frontend has its public IP's version, which only the public
 * IP says: with `publicIps` (observed, by lower-cased id) an IPv6 one counts as IPv6.
 */
export function frontendsOf(lb: ArmResource, publicIps?: Map<string, ArmResource>): Frontend[] {
  return objs(props(lb).frontendIPConfigurations).map((f) => {
    const fp = props(f);
    const id = childId(lb, 'frontendIPConfigurations', f);
    const subnet = refId(fp.subnet);
    const publicIpId = refId(fp.publicIPAddress);
    const publicIp = publicIpId ? publicIps?.get(keyOf(publicIpId)) : undefined;
    const publicVersion = publicIp ? str(props(publicIp).publicIPAddressVersion) : undefined;
    return {
      name: nameOf(f),
      id,
      key: keyOf(id),
      body: f,
      ipv6: isIpv6Config(fp) || publicVersion?.toLowerCase() === 'ipv6',
      subnetKey: subnet ? keyOf(subnet) : undefined,
      isPublic: publicIpId !== undefined || obj(fp.publicIPPrefix) !== undefined,
      publicIpId,
      privateIPAddress: str(fp.privateIPAddress),
    };
  });
}

export interface Pool {
  name: string;
  id: string;
  key: string;
  body: Json;
}

export function poolsOf(lb: ArmResource): Pool[] {
  return objs(props(lb).backendAddressPools).map((p) => {
    const id = childId(lb, 'backendAddressPools', p);
    return { name: nameOf(p), id, key: keyOf(id), body: p };
  });
}

export interface Rule {
  name: string;
  body: Json;
  frontendKey?: string;
  poolKeys: string[];
}

export function rulesOf(lb: ArmResource): Rule[] {
  return objs(props(lb).loadBalancingRules).map((r) => {
    const rp = props(r);
    const fe = refId(rp.frontendIPConfiguration);
    const pools = [refId(rp.backendAddressPool), ...refIds(rp.backendAddressPools)].filter(
      (p): p is string => p !== undefined,
    );
    return {
      name: nameOf(r),
      body: r,
      frontendKey: fe ? keyOf(fe) : undefined,
      poolKeys: [...new Set(pools.map(keyOf))],
    };
  });
}

/** HA ports: protocol All on port 0, the rule an NVA pool sits behind. */
export function isHaPortsRule(rule: Rule): boolean {
  const rp = props(rule.body);
  return (
    str(rp.protocol)?.toLowerCase() === 'all' && Number(rp.frontendPort) === 0 && Number(rp.backendPort) === 0
  );
}

export function isStandard(lb: ArmResource): boolean {
  return (lb.sku?.name ?? '').toLowerCase() === 'standard';
}

export function twinName(name: string): string {
  return `${name}-ipv6`;
}
