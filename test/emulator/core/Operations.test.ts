import type { Clock } from '../../../emulator/core/Clock';
import { Operations } from '../../../emulator/core/Operations';

function manualClock(): Clock & { advance(ms: number): void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v';

describe('Operations (long-running operations on the emulator clock)', () => {
  it('holds the resource while in progress and ends exactly once when the clock passes its latency', () => {
    const clock = manualClock();
    const ops = new Operations(clock);
    const ended: string[] = [];
    const op = ops.start({
      lockedId: ID,
      targetId: `${ID}/subnets/a`,
      targetType: 'Microsoft.Network/virtualNetworks/subnets',
      location: 'westeurope',
      subscriptionId: 's',
      name: 'PutSubnetOperation',
      latencyMs: 10_000,
      onEnd: (status) => ended.push(status),
    });
    expect(ops.inFlight(ID.toUpperCase())).toBe(op);
    clock.advance(9_999);
    expect(ops.get(op.id)?.status).toBe('InProgress');
    clock.advance(1);
    expect(ops.get(op.id)).toMatchObject({ status: 'Succeeded', endedAt: 10_000 });
    expect(ops.inFlight(ID)).toBeUndefined();
    ops.settleAll();
    expect(ended).toEqual(['Succeeded']);
    ops.stop();
  });

  it('ends Failed with the given error, and at once for latency 0', () => {
    const clock = manualClock();
    const ops = new Operations(clock);
    const ended: string[] = [];
    const op = ops.start({
      lockedId: ID,
      targetId: ID,
      targetType: 'Microsoft.Network/virtualNetworks',
      location: 'westeurope',
      subscriptionId: 's',
      name: 'PutVirtualNetworkOperation',
      latencyMs: 0,
      failWith: { code: 'InternalServerError', message: 'boom' },
      onEnd: (status) => ended.push(status),
    });
    expect(op).toMatchObject({ status: 'Failed', error: { code: 'InternalServerError' } });
    expect(ended).toEqual(['Failed']);
    ops.stop();
  });
});
