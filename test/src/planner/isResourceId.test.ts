import { parseResourceId } from '../../../src/arm/resourceId';
import { isResourceId } from '../../../src/planner/ids';

describe('isResourceId', () => {
  const base = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network';
  it.each([
    `${base}/virtualNetworks/v`,
    `${base}/virtualNetworks/v/`,
    `${base}/virtualNetworks/v///`,
    `${base}/virtualNetworks/v/subnets/a`,
    `${base}/virtualNetworks/v/subnets`,
    `${base}/virtualNetworks//subnets/a`,
    `${base}/virtualNetworks`,
    `${base}/`,
    base,
    '/SUBSCRIPTIONS/s/RESOURCEGROUPS/rg(1)/PROVIDERS/ns/t/n',
    '/subscriptions/s/resourceGroups/providers/providers/ns/t/n',
    '/subscriptions/s\n/resourceGroups/rg/providers/ns/t/n',
    `${base}/virtualNetworks/v\n`,
    `${base}/virtualNetworks/v\u2028x`,
    `${base}/virtualNetworks/v x`,
    `subscriptions/s/resourceGroups/rg/providers/ns/t/n`,
    '/subscriptions//resourceGroups/rg/providers/ns/t/n',
    '',
    '/',
  ])('agrees with parseResourceId on %j', (id) => {
    expect(isResourceId(id)).toBe(parseResourceId(id) !== undefined);
  });
});
