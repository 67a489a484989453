import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity, ref } from './armEnvelope';

export function bastionHost(
  ctx: BuildContext,
  resourceGroup: string,
  spec: { name: string; subnetId: string; publicIpId: string },
): ArmResource {
  const who = identity(ctx, resourceGroup, 'bastionHosts', spec.name);
  return armResource(
    ctx,
    who,
    {
      scaleUnits: 2,
      ipConfigurations: [
        childResource(who, 'bastionHostIpConfigurations', 'IpConf', {
          privateIPAllocationMethod: 'Dynamic',
          subnet: ref(spec.subnetId),
          publicIPAddress: ref(spec.publicIpId),
        }),
      ],
    },
    { sku: { name: 'Standard' } },
  );
}
