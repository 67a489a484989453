import {
  basicSkuPublicIpCountLimitReached,
  ipConfigurationPublicIpVersionMismatch,
  standardSkuPublicIpAddressesMustBeStatic,
} from '../../../../src/arm/errors/publicIpAddressErrors';
import { DUAL_SUBNET, dualStackSpoke, expectRefused, NET, nic, publicIp, write } from '../fixtures';

const NIC = `${NET}/networkInterfaces/vm1-nic`;

function withPublicIp(config: number, publicIpName: string) {
  const body = nic('vm1-nic', [
    { name: 'ipv4', primary: true, subnet: DUAL_SUBNET },
    { name: 'ipv6', version: 'IPv6', primary: false, subnet: DUAL_SUBNET },
  ]);
  const configs = (body.properties as { ipConfigurations: { properties: Record<string, unknown> }[] })
    .ipConfigurations;
  const target = configs[config];
  if (target) target.properties.publicIPAddress = { id: `${NET}/publicIPAddresses/${publicIpName}` };
  return body;
}

describe('public IP address write rules', () => {
  it('accepts a Standard static IPv6 public IP and refuses a dynamic one with Azure code', () => {
    const ok = publicIp('pip6', 'IPv6');
    expect(write(ok)).toBeUndefined();
    const dynamic = { ...ok, properties: { ...ok.properties, publicIPAllocationMethod: 'Dynamic' } };
    expectRefused(write(dynamic), standardSkuPublicIpAddressesMustBeStatic(ok.id));
    const unset = { ...ok, properties: { publicIPAddressVersion: 'IPv6' } };
    expectRefused(write(unset), standardSkuPublicIpAddressesMustBeStatic(ok.id));
  });

  it('refuses a new Basic public IP (retired; absent SKU is Basic) but lets an existing one be updated', () => {
    const basic6 = { ...publicIp('pip6', 'IPv6'), sku: { name: 'Basic' } };
    expectRefused(write(basic6), basicSkuPublicIpCountLimitReached('IPv6'));
    const { sku: _sku, ...noSku } = publicIp('pip4', 'IPv4');
    expectRefused(write(noSku), basicSkuPublicIpCountLimitReached('IPv4'));
    expect(write(noSku, [], noSku)).toBeUndefined();
  });

  it("requires an ip configuration's public IP to have the configuration's IP version", () => {
    const store = [dualStackSpoke, publicIp('pip4', 'IPv4'), publicIp('pip6', 'IPv6')];
    expect(write(withPublicIp(0, 'pip4'), store)).toBeUndefined();
    expect(write(withPublicIp(1, 'pip6'), store)).toBeUndefined();
    expectRefused(
      write(withPublicIp(1, 'pip4'), store),
      ipConfigurationPublicIpVersionMismatch(
        `${NIC}/ipConfigurations/ipv6`,
        'IPv6',
        `${NET}/publicIPAddresses/pip4`,
        'IPv4',
        'properties.ipConfigurations[1].properties.publicIPAddress',
      ),
    );
    expectRefused(
      write(withPublicIp(0, 'pip6'), store),
      ipConfigurationPublicIpVersionMismatch(
        `${NIC}/ipConfigurations/ipv4`,
        'IPv4',
        `${NET}/publicIPAddresses/pip6`,
        'IPv6',
        'properties.ipConfigurations[0].properties.publicIPAddress',
      ),
    );
  });
});
