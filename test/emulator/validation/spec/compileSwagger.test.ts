import { resourceTypeOfPath } from '../../../../emulator/validation/spec/compileSwagger';

describe('resourceTypeOfPath', () => {
  it('names top-level and child types from PUT path templates', () => {
    expect(
      resourceTypeOfPath(
        '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}',
      ),
    ).toBe('microsoft.network/virtualnetworks');
    expect(
      resourceTypeOfPath(
        '/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/routeTables/{routeTableName}/routes/{routeName}',
      ),
    ).toBe('microsoft.network/routetables/routes');
  });

  it('ignores paths that are actions or collections rather than a resource', () => {
    expect(
      resourceTypeOfPath('/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks'),
    ).toBeUndefined();
    expect(
      resourceTypeOfPath(
        '/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{v}/checkIPAddressAvailability',
      ),
    ).toBeUndefined();
    expect(
      resourceTypeOfPath('/subscriptions/{s}/providers/Microsoft.Network/locations/{l}/usages/fixed'),
    ).toBeUndefined();
  });
});
