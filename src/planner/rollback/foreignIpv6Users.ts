import type { EstateIndex } from '../discovery/EstateIndex';
import type { Finding } from '../Plan';
import { frontendsOf, rulesOf } from '../steps/loadBalancerParts';
import type { Rollback } from './chooseVnets';
import { isTwinOf } from './ownership';

/** IPv6 users of a subnet that Dualstack did not add: the subnet can't lose its /64 while they hold it. */
export function foreignIpv6Users(index: EstateIndex, r: Rollback): Finding[] {
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
  }
  for (const lb of index.loadBalancers) {
    const frontends = frontendsOf(lb);
    const names = frontends.map((f) => f.name);
    const rules = rulesOf(lb);
    const ruleNames = rules.map((x) => x.name);
    for (const f of frontends) {
      if (!f.ipv6 || !f.subnetKey || !r.subnets.has(f.subnetKey)) continue;
      const foreignRules = rules.filter(
        (rule) => rule.frontendKey === f.key && !isTwinOf(rule.name, ruleNames),
      );
      if (!isTwinOf(f.name, names) || foreignRules.length > 0)
        found.push({
          code: 'Ipv6InUseByOthers',
          resourceId: lb.id,
          message:
            foreignRules.length > 0
              ? `frontend ${f.name} of ${lb.name} is IPv6 in a subnet of ${r.vnet.resource.name} and rules not added by Dualstack use it (${foreignRules.map((x) => x.name).join(', ')})`
              : `frontend ${f.name} of ${lb.name} is IPv6 in a subnet of ${r.vnet.resource.name} and was not added by Dualstack`,
          fix: 'Remove it (and its rules) first, or leave this VNet out of the rollback.',
        });
    }
  }
  return found;
}
