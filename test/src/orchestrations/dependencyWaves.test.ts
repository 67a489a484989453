import type { RunStep } from '../../../src/activities/RunPlan';
import { dependencyWaves, stepGroupWaves } from '../../../src/orchestrations/dependencyWaves';

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

describe('stepGroupWaves', () => {
  it('keeps a VNet’s steps in one group and fills groups up to the size', () => {
    const wave = [
      step('a1', '/v/A'),
      step('b1', '/v/b'),
      step('a2', '/v/a'),
      step('c1', '/v/c'),
      step('c2', '/v/c'),
      step('s1', undefined),
    ];
    expect(stepGroupWaves(wave, 3).map((w) => w.map((g) => g.map((s) => s.id)))).toEqual([
      [
        ['a1', 'a2', 'b1'],
        ['c1', 'c2', 's1'],
      ],
    ]);
  });

  it('runs a VNet with more steps than the size in chunks, one wave each, before the next dependency wave', () => {
    const steps = [
      ...['x1', 'x2', 'x3', 'x4', 'x5'].map((id) => step(id, '/v/hub')),
      step('b1', '/v/b'),
      step('after', '/v/b', ['x5']),
    ];
    expect(stepGroupWaves(steps, 2).map((w) => w.map((g) => g.map((s) => s.id)))).toEqual([
      [['x1', 'x2'], ['b1']],
      [['x3', 'x4']],
      [['x5']],
      [['after']],
    ]);
    // No group is larger than the size, however many steps one VNet has.
    const many = Array.from({ length: 1000 }, (_, i) => step(`sync${i}`, '/v/hub'));
    const waves = stepGroupWaves(many, 40);
    expect(waves).toHaveLength(25);
    expect(waves.flat().every((g) => g.length === 40)).toBe(true);
    expect(waves.flat(2).map((s) => s.id)).toEqual(many.map((s) => s.id));
  });
});
