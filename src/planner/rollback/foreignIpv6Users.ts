import type { EstateIndex } from '../discovery/EstateIndex';
import type { Finding } from '../Plan';
import { frontendsOf, rulesOf } from '../steps/loadBalancerParts';
import type { Rollback } from './chooseVnets';
import { isTwinOf } from './ownership';
import { pushTo } from './RollbackContext';

interface ForeignFrontend {
  lbId: string;
  lbName: string;
  frontend: string;
  /** rules not added by Dualstack that use the frontend */
  rules: string[];
}

/** Subnet key -> IPv6 load balancer frontends in it that Dualstack did not add, or that others' rules use. */
function foreignFrontends(index: EstateIndex): Map<string, ForeignFrontend[]> {
  const bySubnet = new Map<string, ForeignFrontend[]>();
  for (const lb of index.loadBalancers) {
    const frontends = frontendsOf(lb);
    const names = frontends.map((f) => f.name);
    const rules = rulesOf(lb);
    const ruleNames = rules.map((x) => x.name);
    for (const f of frontends) {
      if (!f.ipv6 || !f.subnetKey) continue;
      const foreignRules = rules
        .filter((rule) => rule.frontendKey === f.key && !isTwinOf(rule.name, ruleNames))
        .map((rule) => rule.name);
      if (isTwinOf(f.name, names) && foreignRules.length === 0) continue;
      pushTo(bySubnet, f.subnetKey, { lbId: lb.id, lbName: lb.name, frontend: f.name, rules: foreignRules });
    }
  }
  return bySubnet;
}

/**
 * IPv6 users of the subnets each VNet would lose its /64s from that Dualstack did not add (the
 * subnet can't lose its /64 while they hold it), by VNet key. Load balancers are read once for
 * all VNets.
 */
export function foreignIpv6Users(index: EstateIndex, rollbacks: Rollback[]): Map<string, Finding[]> {
  const frontends = foreignFrontends(index);
  const byVnet = new Map<string, Finding[]>();
  for (const r of rollbacks) {
    const found: Finding[] = [];
    for (const key of r.subnets.keys()) {
      for (const nic of index.nicsBySubnet.get(key) ?? []) {
        const names = nic.ipConfigs.map((c) => c.name);
        for (const c of nic.ipConfigs)
          if (c.ipv6 && c.subnetKey === key && !isTwinOf(c.name, names))
            found.push({
              code: 'Ipv6InUseByOthers',
              resourceId: nic.resource.id,
              message: `ip configuration ${c.name} of ${nic.resource.name} is IPv6 in a subnet of ${r.vnet.resource.name} and was not added by Dualstack`,
              fix: 'Remove that ip configuration first, or leave this VNet out of the rollback.',
            });
      }
      for (const f of frontends.get(key) ?? [])
        found.push({
          code: 'Ipv6InUseByOthers',
          resourceId: f.lbId,
          message:
            f.rules.length > 0
              ? `frontend ${f.frontend} of ${f.lbName} is IPv6 in a subnet of ${r.vnet.resource.name} and rules not added by Dualstack use it (${f.rules.join(', ')})`
              : `frontend ${f.frontend} of ${f.lbName} is IPv6 in a subnet of ${r.vnet.resource.name} and was not added by Dualstack`,
          fix: 'Remove it (and its rules) first, or leave this VNet out of the rollback.',
        });
    }
    if (found.length > 0) byVnet.set(r.vnet.key, found);
  }
  return byVnet;
}
