import type { VnetPlan } from '../../../src/planner/Plan';
import { canariesOf } from '../../../src/orchestrations/canariesOf';

const vnet = (name: string): VnetPlan => ({
  vnetId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${name}`,
  role: 'spoke',
  ipv4Prefixes: [],
  ipv6Existing: false,
  subnets: [],
  stepIds: [],
});

describe('canariesOf', () => {
  const spokes = ['a', 'b', 'c'].map(vnet);

  it('takes the first few in plan order when none are named', () => {
    expect(canariesOf(spokes, { maxParallelSpokes: 2, canarySpokes: 2, abortAfterFailures: 1 })).toEqual(
      spokes.slice(0, 2),
    );
  });

  it('takes the named ones in the order named, matching ids case-insensitively, and skips those with nothing to do', () => {
    const named = [spokes[2]!.vnetId.toUpperCase(), vnet('not-in-plan').vnetId, spokes[0]!.vnetId];
    expect(
      canariesOf(spokes, {
        maxParallelSpokes: 2,
        canarySpokes: 1,
        canaryVnetIds: named,
        abortAfterFailures: 1,
      }),
    ).toEqual([spokes[2], spokes[0]]);
  });
});
