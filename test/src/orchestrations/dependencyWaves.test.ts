import type { RunStep } from '../../../src/activities/RunPlan';
import { dependencyWaves, groupsOf } from '../../../src/orchestrations/dependencyWaves';

function step(id: string, vnetId: string | undefined, dependsOn: string[] = []): RunStep {
  return {
    id,
    kind: 'networkInterface',
    resourceId: `/r/${id}`,
    ...(vnetId ? { vnetId } : {}),
    vnetIds: vnetId ? [vnetId] : ['/v/shared-a', '/v/shared-b'],
    dependsOn,
    additions: [],
    ipv6Prefixes: [],
    summary: id,
  };
}

describe('dependencyWaves', () => {
  it('puts each step one wave past its deepest dependency, ignoring dependencies outside the list', () => {
    const steps = [
      step('rt', undefined),
      step('nic1', '/v/a'),
      step('nic2', '/v/b', ['gone']),
      step('lb', '/v/a', ['nic1', 'rt']),
      step('vnetA', '/v/a', ['nic1', 'lb']),
      step('vnetB', '/v/b', ['nic2']),
      step('hub', '/v/hub', ['vnetA', 'vnetB']),
    ];
    expect(dependencyWaves(steps).map((w) => w.map((s) => s.id))).toEqual([
      ['rt', 'nic1', 'nic2'],
      ['lb', 'vnetB'],
      ['vnetA'],
      ['hub'],
    ]);
  });
});

describe('groupsOf', () => {
  it('keeps a VNet’s steps in one group and fills groups up to the size', () => {
    const wave = [
      step('a1', '/v/A'),
      step('b1', '/v/b'),
      step('a2', '/v/a'),
      step('c1', '/v/c'),
      step('c2', '/v/c'),
      step('s1', undefined),
    ];
    expect(groupsOf(wave, 3).map((g) => g.map((s) => s.id))).toEqual([
      ['a1', 'a2', 'b1'],
      ['c1', 'c2', 's1'],
    ]);
    // A VNet with more steps than the size is still one group.
    expect(groupsOf([step('x1', '/v/x'), step('x2', '/v/x'), step('x3', '/v/x')], 2)).toHaveLength(1);
  });
});
