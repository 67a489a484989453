import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { networkResourceId, ref } from './armEnvelope';
import { etagFor } from './etagFor';

export interface PrivateDnsZoneSpec {
  resourceGroup: string;
  /** e.g. 'contoso.internal' */
  zoneName: string;
  links: { name: string; vnetId: string; registrationEnabled: boolean }[];
  /** A record sets; `autoRegistered` marks what a link with registration enabled wrote for a VM. */
  aRecords: { name: string; ipv4Addresses: string[]; ttl: number; autoRegistered?: boolean }[];
  /** AAAA record sets someone keeps already (the run merges into them). */
  aaaaRecords?: { name: string; ipv6Addresses: string[]; ttl: number }[];
}

/** Private DNS etags are bare GUIDs, unlike Network RP's weak `W/"..."` ones. */
function dnsEtag(id: string): string {
  return etagFor(id).replace(/^W\/"|"$/g, '');
}

/** A Private DNS zone, its virtual network links and record sets, as the 2020-06-01 API lists them. */
export function privateDnsZoneResources(ctx: BuildContext, spec: PrivateDnsZoneSpec): ArmResource[] {
  const zoneId = networkResourceId(ctx, spec.resourceGroup, 'privateDnsZones', spec.zoneName);
  const recordSet = (
    type: 'A' | 'AAAA',
    name: string,
    ttl: number,
    records: Record<string, unknown>,
    autoRegistered: boolean,
  ): ArmResource => {
    const id = `${zoneId}/${type}/${name}`;
    return {
      id,
      name,
      type: `Microsoft.Network/privateDnsZones/${type}`,
      etag: dnsEtag(id),
      properties: {
        ttl,
        fqdn: `${name}.${spec.zoneName}.`,
        isAutoRegistered: autoRegistered,
        ...records,
      },
    };
  };
  return [
    {
      id: zoneId,
      name: spec.zoneName,
      type: 'Microsoft.Network/privateDnsZones',
      location: 'global',
      etag: dnsEtag(zoneId),
      properties: { provisioningState: 'Succeeded' },
    },
    ...spec.links.map((l) => {
      const id = `${zoneId}/virtualNetworkLinks/${l.name}`;
      return {
        id,
        name: l.name,
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        location: 'global',
        etag: dnsEtag(id),
        properties: {
          virtualNetwork: ref(l.vnetId),
          registrationEnabled: l.registrationEnabled,
          virtualNetworkLinkState: 'Completed',
          provisioningState: 'Succeeded',
        },
      };
    }),
    ...spec.aRecords.map((r) =>
      recordSet(
        'A',
        r.name,
        r.ttl,
        { aRecords: r.ipv4Addresses.map((ipv4Address) => ({ ipv4Address })) },
        r.autoRegistered ?? false,
      ),
    ),
    ...(spec.aaaaRecords ?? []).map((r) =>
      recordSet(
        'AAAA',
        r.name,
        r.ttl,
        { aaaaRecords: r.ipv6Addresses.map((ipv6Address) => ({ ipv6Address })) },
        false,
      ),
    ),
  ];
}
