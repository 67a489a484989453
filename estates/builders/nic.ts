import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity, ref } from './armEnvelope';

export interface NicSpec {
  name: string;
  subnetId: string;
  /** The first is the primary configuration; the rest become secondary IPv4 configurations. */
  privateIPAddresses: string[];
  /** Load-balancer pools the primary configuration belongs to. */
  backendPoolIds?: string[];
  enableIPForwarding?: boolean;
  virtualMachineId?: string;
  /** A public IP on the primary configuration. */
  publicIpId?: string;
  primaryAllocation?: 'Static' | 'Dynamic';
}

export function virtualMachineId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function nic(ctx: BuildContext, resourceGroup: string, spec: NicSpec): ArmResource {
  const who = identity(ctx, resourceGroup, 'networkInterfaces', spec.name);
  const ipConfigurations = spec.privateIPAddresses.map((address, i) =>
    childResource(who, 'ipConfigurations', `ipconfig${i + 1}`, {
      privateIPAddress: address,
      privateIPAllocationMethod: i === 0 ? (spec.primaryAllocation ?? 'Dynamic') : 'Static',
      privateIPAddressVersion: 'IPv4',
      primary: i === 0,
      subnet: ref(spec.subnetId),
      ...(i === 0 && spec.backendPoolIds?.length
        ? { loadBalancerBackendAddressPools: spec.backendPoolIds.map(ref) }
        : {}),
      ...(i === 0 && spec.publicIpId ? { publicIPAddress: ref(spec.publicIpId) } : {}),
    }),
  );
  return armResource(ctx, who, {
    ipConfigurations,
    dnsSettings: { dnsServers: [], appliedDnsServers: [] },
    enableAcceleratedNetworking: false,
    enableIPForwarding: spec.enableIPForwarding ?? false,
    nicType: 'Standard',
    ...(spec.virtualMachineId ? { virtualMachine: ref(spec.virtualMachineId) } : {}),
  });
}
