import type { ArmResource } from '../../src/arm/ArmResource';
import type { EstateLayout } from '../../estates/TopologyLayout';
import { REFERENCE_LAYOUT } from '../../estates/referenceLayout';
import { referenceTopology } from '../../estates/referenceTopology';

/**
 * Everything infra/sample/main.bicep needs to deploy the emulator's reference topology: the
 * layout (names and prefixes) plus the details the layout leaves to the builders (NSG rules,
 * load balancer children, child names), read from the built topology. Written to
 * referenceEstate.json by writeReferenceEstate.ts; test/infra/sample.test.ts regenerates it and
 * fails when the file is stale, so the sample and the emulator can't drift.
 */
export interface ReferenceEstateForBicep {
  layout: EstateLayout;
  networkSecurityGroups: Record<string, { name: string; properties: Record<string, unknown> }[]>;
  loadBalancers: Record<
    string,
    {
      frontendName: string;
      poolName: string;
      probe: { name: string; properties: Record<string, unknown> };
      rules: { name: string; properties: Record<string, unknown> }[];
    }
  >;
  /** NIC name -> the load balancers and pools its primary ip configuration joins (internal, then public) */
  nicPools: Record<string, { loadBalancer: string; pool: string }[]>;
  /** Child names the builders choose */
  childNames: {
    nicIpConfigurationPrefix: string;
    firewallIpConfiguration: string;
    bastionIpConfiguration: string;
    gatewayIpConfiguration: string;
    expressRoutePeering: string;
    /** a network group's static member is this prefix plus the member VNet's name */
    staticMemberPrefix: string;
  };
}

type Props = Record<string, unknown>;

const READ_ONLY = new Set(['provisioningState', 'etag', 'id', 'type']);

function writable(properties: unknown): Props {
  return Object.fromEntries(
    Object.entries((properties ?? {}) as Props).filter(
      ([k, v]) => !READ_ONLY.has(k) && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

function children(resource: ArmResource, property: string): ArmResource[] {
  return ((resource.properties ?? {})[property] ?? []) as ArmResource[];
}

function firstChildName(resources: ArmResource[], type: string, property: string): string {
  const owner = resources.find((r) => r.type === type);
  const name = owner ? children(owner, property)[0]?.name : undefined;
  if (!name) throw new Error(`reference topology has no ${type} ${property}`);
  return name;
}

/** What the builders put before the member VNet's name in a static member's name. */
function staticMemberPrefix(resources: ArmResource[]): string {
  const member = resources.find(
    (r) => r.type === 'Microsoft.Network/networkManagers/networkGroups/staticMembers',
  );
  const memberId = (member?.properties ?? {}).resourceId;
  const vnet = typeof memberId === 'string' ? (memberId.split('/').at(-1) ?? '') : '';
  const name = member?.name ?? '';
  if (!vnet || !name.endsWith(vnet))
    throw new Error('reference topology has no static member named after its VNet');
  return name.slice(0, name.length - vnet.length);
}

export function referenceEstateForBicep(): ReferenceEstateForBicep {
  const resources = referenceTopology();
  const ofType = (type: string): ArmResource[] =>
    resources.filter((r) => r.type === `Microsoft.Network/${type}`);
  const nicIpConfig = firstChildName(resources, 'Microsoft.Network/networkInterfaces', 'ipConfigurations');
  return {
    layout: JSON.parse(JSON.stringify(REFERENCE_LAYOUT)) as EstateLayout,
    networkSecurityGroups: Object.fromEntries(
      ofType('networkSecurityGroups').map((nsg) => [
        nsg.name ?? '',
        children(nsg, 'securityRules').map((rule) => ({
          name: rule.name ?? '',
          properties: writable(rule.properties),
        })),
      ]),
    ),
    loadBalancers: Object.fromEntries(
      ofType('loadBalancers').map((lb) => {
        const probe = children(lb, 'probes')[0];
        return [
          lb.name ?? '',
          {
            frontendName: children(lb, 'frontendIPConfigurations')[0]?.name ?? '',
            poolName: children(lb, 'backendAddressPools')[0]?.name ?? '',
            probe: { name: probe?.name ?? '', properties: writable(probe?.properties) },
            rules: children(lb, 'loadBalancingRules').map((rule) => {
              const {
                frontendIPConfiguration: _f,
                backendAddressPool: _b,
                probe: _p,
                ...rest
              } = writable(rule.properties);
              return { name: rule.name ?? '', properties: rest };
            }),
          },
        ];
      }),
    ),
    nicPools: Object.fromEntries(
      ofType('networkInterfaces').flatMap((nic) => {
        const primary = children(nic, 'ipConfigurations')[0];
        const pools =
          ((primary?.properties ?? {}).loadBalancerBackendAddressPools as { id: string }[] | undefined) ?? [];
        if (pools.length === 0) return [];
        return [
          [
            nic.name ?? '',
            pools.map((pool) => {
              const [, loadBalancer = '', , poolName = ''] =
                /loadBalancers\/([^/]+)\/(backendAddressPools)\/([^/]+)$/i.exec(pool.id) ?? [];
              return { loadBalancer, pool: poolName };
            }),
          ],
        ];
      }),
    ),
    childNames: {
      nicIpConfigurationPrefix: nicIpConfig.replace(/1$/, ''),
      firewallIpConfiguration: firstChildName(
        resources,
        'Microsoft.Network/azureFirewalls',
        'ipConfigurations',
      ),
      bastionIpConfiguration: firstChildName(resources, 'Microsoft.Network/bastionHosts', 'ipConfigurations'),
      gatewayIpConfiguration: firstChildName(
        resources,
        'Microsoft.Network/virtualNetworkGateways',
        'ipConfigurations',
      ),
      expressRoutePeering: firstChildName(resources, 'Microsoft.Network/expressRouteCircuits', 'peerings'),
      staticMemberPrefix: staticMemberPrefix(resources),
    },
  };
}
