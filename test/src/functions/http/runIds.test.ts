import { migrationInstanceId, runIdFor } from '../../../../src/functions/http/runIds';
import { vnetInstanceId } from '../../../../src/orchestrations/instanceIds';
import { isValidInstanceId } from '../../../../devhost/isValidInstanceId';

const HUB = '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const SPOKE = '/subscriptions/s/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks/vnet-spoke-a';

describe('runIdFor', () => {
  it('gives two runs started in the same millisecond different run ids, so their children never collide', () => {
    const instanceId = migrationInstanceId(HUB);
    const at = new Date('2026-12-05T14:10:38.123Z');
    const ids = new Set(Array.from({ length: 50 }, () => runIdFor(instanceId, at)));
    expect(ids.size).toBe(50);
    const children = new Set([...ids].map((runId) => vnetInstanceId(runId, SPOKE)));
    expect(children.size).toBe(50);
  });

  it('keeps the instance id and the start time readable, and is a valid instance id prefix', () => {
    const runId = runIdFor(migrationInstanceId(HUB), new Date('2026-12-05T14:10:38.123Z'), '0badf00d');
    expect(runId).toBe(`${migrationInstanceId(HUB)}-20261205141038123-0badf00d`);
    expect(isValidInstanceId(`${vnetInstanceId(runId, SPOKE)}-address-space`)).toBe(true);
  });
});
