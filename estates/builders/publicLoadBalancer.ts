import type { BuildContext } from './BuildContext';
import { ref } from './armEnvelope';
import type { BuiltLoadBalancer, LoadBalancerSpec } from './internalLoadBalancer';
import { standardLoadBalancer } from './internalLoadBalancer';

export interface PublicLoadBalancerSpec extends LoadBalancerSpec {
  /** A Standard static IPv4 public IP (a Standard load balancer takes no other). */
  publicIpId: string;
}

/** A Standard public load balancer: one frontend on a public IP, one pool, one probe, the given rules. */
export function publicLoadBalancer(
  ctx: BuildContext,
  resourceGroup: string,
  spec: PublicLoadBalancerSpec,
): BuiltLoadBalancer {
  return standardLoadBalancer(ctx, resourceGroup, spec, 'frontend-public', {
    publicIPAddress: ref(spec.publicIpId),
  });
}
