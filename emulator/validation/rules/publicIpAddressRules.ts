import type { IpVersion } from '../../../src/arm/cidr';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  basicSkuPublicIpCountLimitReached,
  standardSkuPublicIpAddressesMustBeStatic,
} from '../../../src/arm/errors/publicIpAddressErrors';
import { ipVersionField } from '../../../src/arm/ipVersionField';
import type { ResourceReader, WriteContext } from '../WriteContext';
import { propertiesOf, stringOf } from './armShape';

/** A public IP's version: IPv4 unless it says IPv6 (the API's default). */
export function publicIpVersion(publicIp: unknown): IpVersion {
  return ipVersionField(propertiesOf(publicIp).publicIPAddressVersion) ?? 'IPv4';
}

/** The version of the stored public IP `id`, or undefined when it isn't stored. */
export function storedPublicIpVersion(store: ResourceReader, id: string): IpVersion | undefined {
  const publicIp = store.get(id);
  return publicIp ? publicIpVersion(publicIp) : undefined;
}

/**
 * Rulebook §8: Standard public IPs (the only SKU IPv6 is created in now) are static; Basic ones are
 * retired, so a new one is refused while an existing one may still be updated. An absent SKU is Basic.
 */
export function validatePublicIpAddress(ctx: WriteContext): ArmError | undefined {
  const ip = ctx.resource;
  const sku = (ip.sku?.name ?? 'Basic').toLowerCase();
  if (sku === 'basic')
    return ctx.existing ? undefined : basicSkuPublicIpCountLimitReached(publicIpVersion(ip));
  const method = stringOf(propertiesOf(ip).publicIPAllocationMethod) ?? 'Dynamic';
  return method.toLowerCase() === 'static' ? undefined : standardSkuPublicIpAddressesMustBeStatic(ip.id);
}
