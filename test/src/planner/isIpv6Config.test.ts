import type { ArmResource } from '../../../src/arm/ArmResource';
import { planDualStack } from '../../../src/planner/planDualStack';
import { planRollback } from '../../../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from './fixtures/applyPlanToSnapshot';
import { smallConfig, smallEstate } from './fixtures/smallTopology';

/** Every IP version field of `resources`, written the way `spell` writes it (ARM takes 'ipv6' as 'IPv6'). */
function respelled(resources: ArmResource[], spell: (version: string) => string): ArmResource[] {
  return JSON.parse(
    JSON.stringify(resources, (key, value: unknown) =>
      /^(private|public)IPAddressVersion$/.test(key) && typeof value === 'string' ? spell(value) : value,
    ),
  ) as ArmResource[];
}

describe('IP version fields in any case', () => {
  it.each([
    ['lower case', (v: string) => v.toLowerCase()],
    ['upper case', (v: string) => v.toUpperCase()],
  ])('a migrated estate written in %s re-plans to nothing and rolls back as written by Azure', (_, spell) => {
    const config = smallConfig();
    const forward = planDualStack(smallEstate({ spokes: 2 }), config);
    const after = applyPlanToSnapshot(smallEstate({ spokes: 2 }), forward);
    const odd = respelled(after, spell);
    expect(JSON.stringify(odd)).not.toEqual(JSON.stringify(after));

    expect(planDualStack(odd, config, forward.reservations).steps).toEqual([]);
    const stepsOf = (estate: ArmResource[]) =>
      planRollback(estate, config, forward.reservations).steps.map((s) => [s.id, s.removals]);
    expect(stepsOf(odd)).toEqual(stepsOf(after));
    expect(stepsOf(odd).length).toBeGreaterThan(0);
  });
});
