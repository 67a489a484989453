import type { ArmResource } from '../src/arm/ArmResource';
import type { EstateLayout } from './TopologyLayout';
import type { BuildContext } from './builders/BuildContext';
import { networkResourceId } from './builders/armEnvelope';
import { hubResources } from './builders/hubResources';
import { networkManagerResources } from './builders/networkManager';
import { privateDnsZoneResources } from './builders/privateDnsZone';
import { spokeResources } from './builders/spokeResources';

/** Turns a layout into ARM resources: the hub first, then each spoke with its peering pair. */
export function buildEstate(
  ctx: BuildContext,
  layout: EstateLayout,
  options: { defaultSecurityRules: boolean },
): ArmResource[] {
  const out: ArmResource[] = [];
  const hub = hubResources(ctx, layout.hub, layout.onPremisesPrefix, out);
  const spokeOptions = {
    onPremisesPrefix: layout.onPremisesPrefix,
    defaultSecurityRules: options.defaultSecurityRules,
  };
  for (const spoke of layout.spokes) spokeResources(ctx, hub, spoke, spokeOptions, out);
  const groupOf = new Map(layout.spokes.map((s) => [s.vnet, s.resourceGroup]));
  groupOf.set(layout.hub.vnet, layout.hub.resourceGroup);
  for (const zone of layout.privateDnsZones ?? [])
    out.push(
      ...privateDnsZoneResources(ctx, {
        ...zone,
        links: zone.links.map((l) => ({
          name: l.name,
          registrationEnabled: l.registrationEnabled,
          vnetId: networkResourceId(ctx, groupOf.get(l.vnet) ?? '', 'virtualNetworks', l.vnet),
        })),
      }),
    );
  const vnetId = (vnet: string): string =>
    networkResourceId(ctx, groupOf.get(vnet) ?? '', 'virtualNetworks', vnet);
  for (const nm of layout.networkManagers ?? [])
    out.push(
      ...networkManagerResources(ctx, {
        ...nm,
        memberIds: nm.spokes.map(vnetId),
        hubId: vnetId(layout.hub.vnet),
        // the reference hub shares its ExpressRoute/VPN gateways, as its peered spokes use them
        useHubGateway: true,
      }),
    );
  return out;
}
