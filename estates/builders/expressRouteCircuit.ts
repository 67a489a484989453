import type { ArmResource } from '../../src/arm/ArmResource';
import type { HubLayout } from '../TopologyLayout';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity } from './armEnvelope';

/** A provisioned circuit with IPv4-only private peering (the "before" state). */
export function expressRouteCircuit(
  ctx: BuildContext,
  resourceGroup: string,
  layout: HubLayout['expressRouteCircuit'],
): ArmResource {
  const who = identity(ctx, resourceGroup, 'expressRouteCircuits', layout.name);
  // Declared apart so the ARM `family` field survives ArmResource's narrower sku type.
  const sku = { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' };
  return armResource(
    ctx,
    who,
    {
      circuitProvisioningState: 'Enabled',
      serviceProviderProvisioningState: 'Provisioned',
      allowClassicOperations: false,
      globalReachEnabled: false,
      serviceProviderProperties: {
        serviceProviderName: layout.serviceProvider,
        peeringLocation: layout.peeringLocation,
        bandwidthInMbps: layout.bandwidthInMbps,
      },
      peerings: [
        childResource(who, 'peerings', 'AzurePrivatePeering', {
          peeringType: 'AzurePrivatePeering',
          state: 'Enabled',
          azureASN: 12076,
          peerASN: layout.peerASN,
          primaryPeerAddressPrefix: layout.primaryPeerAddressPrefix,
          secondaryPeerAddressPrefix: layout.secondaryPeerAddressPrefix,
          vlanId: layout.vlanId,
        }),
      ],
    },
    { sku },
  );
}
