import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity, ref } from './armEnvelope';

export interface ProbeSpec {
  name: string;
  protocol: 'Tcp' | 'Http' | 'Https';
  port: number;
  requestPath?: string;
}

export interface LoadBalancingRuleSpec {
  name: string;
  /** 'All' with ports 0 is an HA-ports rule. */
  protocol: 'Tcp' | 'Udp' | 'All';
  frontendPort: number;
  backendPort: number;
  idleTimeoutInMinutes?: number;
}

/** What internal and public load balancers share: names, the probe and the rules. */
export interface LoadBalancerSpec {
  name: string;
  frontendName?: string;
  poolName?: string;
  probe: ProbeSpec;
  rules: LoadBalancingRuleSpec[];
  /** Rules leave outbound SNAT off (egress goes elsewhere, e.g. a route to the firewall). */
  disableOutboundSnat?: boolean;
}

export interface InternalLoadBalancerSpec extends LoadBalancerSpec {
  subnetId: string;
  frontendIPAddress: string;
}

export interface BuiltLoadBalancer {
  resource: ArmResource;
  backendPoolId: string;
}

/** A Standard internal load balancer: one IPv4 frontend, one pool, one probe, the given rules. */
export function internalLoadBalancer(
  ctx: BuildContext,
  resourceGroup: string,
  spec: InternalLoadBalancerSpec,
): BuiltLoadBalancer {
  return standardLoadBalancer(ctx, resourceGroup, spec, 'frontend-ipv4', {
    privateIPAddress: spec.frontendIPAddress,
    privateIPAllocationMethod: 'Static',
    privateIPAddressVersion: 'IPv4',
    subnet: ref(spec.subnetId),
  });
}

/** A Standard load balancer with one frontend of the given properties (private or public). */
export function standardLoadBalancer(
  ctx: BuildContext,
  resourceGroup: string,
  spec: LoadBalancerSpec,
  defaultFrontendName: string,
  frontendProperties: Record<string, unknown>,
): BuiltLoadBalancer {
  const who = identity(ctx, resourceGroup, 'loadBalancers', spec.name);
  const frontend = childResource(
    who,
    'frontendIPConfigurations',
    spec.frontendName ?? defaultFrontendName,
    frontendProperties,
  );
  const pool = childResource(who, 'backendAddressPools', spec.poolName ?? 'pool-ipv4', {});
  const probe = childResource(who, 'probes', spec.probe.name, {
    protocol: spec.probe.protocol,
    port: spec.probe.port,
    ...(spec.probe.requestPath ? { requestPath: spec.probe.requestPath } : {}),
    intervalInSeconds: 5,
    numberOfProbes: 1,
    probeThreshold: 1,
  });
  const rules = spec.rules.map((rule) =>
    childResource(who, 'loadBalancingRules', rule.name, {
      frontendIPConfiguration: ref(frontend.id),
      backendAddressPool: ref(pool.id),
      probe: ref(probe.id),
      protocol: rule.protocol,
      frontendPort: rule.frontendPort,
      backendPort: rule.backendPort,
      idleTimeoutInMinutes: rule.idleTimeoutInMinutes ?? 4,
      enableFloatingIP: false,
      enableTcpReset: false,
      loadDistribution: 'Default',
      disableOutboundSnat: spec.disableOutboundSnat ?? false,
    }),
  );
  const resource = armResource(
    ctx,
    who,
    {
      frontendIPConfigurations: [frontend],
      backendAddressPools: [pool],
      probes: [probe],
      loadBalancingRules: rules,
      inboundNatRules: [],
      outboundRules: [],
    },
    { sku: { name: 'Standard', tier: 'Regional' } },
  );
  return { resource, backendPoolId: pool.id };
}
