import type { ArmResource } from '../../src/arm/ArmResource';
import type { PublicIpLayout } from '../TopologyLayout';
import type { BuildContext } from './BuildContext';
import { armResource, identity } from './armEnvelope';

export function publicIp(ctx: BuildContext, resourceGroup: string, layout: PublicIpLayout): ArmResource {
  return armResource(
    ctx,
    identity(ctx, resourceGroup, 'publicIPAddresses', layout.name),
    {
      publicIPAllocationMethod: 'Static',
      publicIPAddressVersion: 'IPv4',
      ipAddress: layout.ipAddress,
      idleTimeoutInMinutes: 4,
    },
    { sku: { name: 'Standard', tier: 'Regional' }, zones: ['1', '2', '3'] },
  );
}
