import type { MapperProperty, MapperSet } from './sdkModelMappers';

const str: MapperProperty['type'] = { name: 'String' };
const at = (serializedName: string, type: MapperProperty['type'] = str): MapperProperty => ({
  serializedName,
  type,
});
const records = (className: string): MapperProperty['type'] => ({
  name: 'Sequence',
  element: { type: { name: 'Composite', className } },
});

/**
 * Where `az network private-dns ... list` output's flattened fields sit on the wire, for the Private DNS
 * types Dualstack reads. Transcribed from @azure/arm-privatedns 3.2.0's models/mappers.js (PrivateZone,
 * VirtualNetworkLink, RecordSet, ARecord, AaaaRecord): that package ships its mappers only as an ES
 * module, which a synchronous CommonJS load on Node 20 cannot read.
 */
export const privateDnsModelMappers: MapperSet = {
  PrivateDnsZone: {
    type: {
      modelProperties: {
        maxNumberOfRecordSets: at('properties.maxNumberOfRecordSets'),
        numberOfRecordSets: at('properties.numberOfRecordSets'),
        maxNumberOfVirtualNetworkLinks: at('properties.maxNumberOfVirtualNetworkLinks'),
        numberOfVirtualNetworkLinks: at('properties.numberOfVirtualNetworkLinks'),
        maxNumberOfVirtualNetworkLinksWithRegistration: at(
          'properties.maxNumberOfVirtualNetworkLinksWithRegistration',
        ),
        numberOfVirtualNetworkLinksWithRegistration: at(
          'properties.numberOfVirtualNetworkLinksWithRegistration',
        ),
        provisioningState: at('properties.provisioningState'),
        internalId: at('properties.internalId'),
      },
    },
  },
  PrivateDnsVirtualNetworkLink: {
    type: {
      modelProperties: {
        virtualNetwork: at('properties.virtualNetwork', { name: 'Composite', className: 'SubResource' }),
        registrationEnabled: at('properties.registrationEnabled'),
        virtualNetworkLinkState: at('properties.virtualNetworkLinkState'),
        provisioningState: at('properties.provisioningState'),
      },
    },
  },
  PrivateDnsRecordSet: {
    type: {
      modelProperties: {
        metadata: at('properties.metadata'),
        ttl: at('properties.ttl'),
        fqdn: at('properties.fqdn'),
        isAutoRegistered: at('properties.isAutoRegistered'),
        aRecords: at('properties.aRecords', records('PrivateDnsARecord')),
        aaaaRecords: at('properties.aaaaRecords', records('PrivateDnsAaaaRecord')),
      },
    },
  },
  PrivateDnsARecord: { type: { modelProperties: { ipv4Address: at('ipv4Address') } } },
  PrivateDnsAaaaRecord: { type: { modelProperties: { ipv6Address: at('ipv6Address') } } },
};
