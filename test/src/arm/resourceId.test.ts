import {
  idKey,
  parentResourceId,
  parseResourceId,
  resourceGroupId,
  sameId,
} from '../../../src/arm/resourceId';

const VNET = '/subscriptions/sub-1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub';

describe('resource ids', () => {
  it('parses top-level and child ids into type and names', () => {
    expect(parseResourceId(`${VNET}/subnets/GatewaySubnet`)).toEqual({
      subscriptionId: 'sub-1',
      resourceGroup: 'rg-hub',
      type: 'Microsoft.Network/virtualNetworks/subnets',
      names: ['hub', 'GatewaySubnet'],
      id: `${VNET}/subnets/GatewaySubnet`,
    });
    expect(parseResourceId(`${VNET}/`)?.names).toEqual(['hub']);
  });

  it('refuses ids that are not resource ids', () => {
    expect(parseResourceId('/subscriptions/sub-1/resourceGroups/rg-hub')).toBeUndefined();
    expect(parseResourceId(`${VNET}/subnets`)).toBeUndefined();
    expect(parseResourceId('hub')).toBeUndefined();
  });

  it('compares ids case-insensitively and ignores a trailing slash', () => {
    expect(idKey(`${VNET.toUpperCase()}/`)).toBe(VNET.toLowerCase());
    expect(sameId(VNET, VNET.replace('virtualNetworks', 'VIRTUALNETWORKS'))).toBe(true);
    expect(sameId(VNET, `${VNET}2`)).toBe(false);
    expect(sameId(undefined, VNET)).toBe(false);
  });

  it('finds the top-level parent of a child id', () => {
    expect(parentResourceId(`${VNET}/subnets/GatewaySubnet`)).toBe(VNET);
    expect(
      parentResourceId(
        '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/loadBalancers/lb/backendAddressPools/pool',
      ),
    ).toBe('/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/loadBalancers/lb');
    expect(resourceGroupId('sub-1', 'rg-hub')).toBe('/subscriptions/sub-1/resourceGroups/rg-hub');
  });

  it('finds the parent in a resource group called "providers", and of a subscription-level resource', () => {
    const inProviders =
      '/subscriptions/s/resourceGroups/providers/providers/Microsoft.Network/virtualNetworks/v';
    expect(parentResourceId(`${inProviders}/subnets/a`)).toBe(inProviders);
    expect(
      parentResourceId('/subscriptions/s/providers/Microsoft.Network/networkWatchers/w/flowLogs/f'),
    ).toBe('/subscriptions/s/providers/Microsoft.Network/networkWatchers/w');
  });
});
