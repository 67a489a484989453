import type { Ipv6Removal, StepKind } from '../Plan';

const WHAT: Partial<Record<string, string>> = {
  routes: 'IPv6 route',
  securityRules: 'IPv6 rule',
  ipConfigurations: 'IPv6 ip configuration',
  loadBalancingRules: 'IPv6 rule',
  frontendIPConfigurations: 'IPv6 frontend',
  backendAddressPools: 'IPv6 pool',
};

/** One removal in words, or undefined for the tag (not IPv6). */
export function describeRemoval(r: Ipv6Removal): string | undefined {
  switch (r.op) {
    case 'removeChild':
      return `${WHAT[r.path[r.path.length - 1] ?? ''] ?? 'child'} ${r.name}`;
    case 'removeSubnetPrefix':
      return `${r.subnetName} ${r.value}`;
    case 'removeFromArray':
      return r.value;
    case 'removeAaaaRecord':
      return `AAAA ${r.address}`;
    case 'setTag':
      return undefined;
    case 'deleteResource':
      return 'the resource';
    case 'commitAvnm':
      return `deploy ${r.commit.commitType} to ${r.commit.targetLocations.join(', ')}`;
  }
}

/** One line for humans: what a rollback step takes out (IPv4 is never among it). */
export function removalSummary(kind: StepKind, name: string, removals: Ipv6Removal[]): string {
  const parts = removals.map(describeRemoval).filter((d): d is string => d !== undefined);
  const tagged = removals.some((r) => r.op === 'setTag') ? '; tag it to stay IPv4' : '';
  return `${kind} ${name}: remove ${parts.join(', ')}${tagged}`;
}
