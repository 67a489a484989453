import Ajv from 'ajv';
import { planDualStack } from '../../../../src/planner/planDualStack';
import schema from '../../../../src/planner/render/plan.schema.json';
import { renderPlanJson } from '../../../../src/planner/render/renderPlanJson';
import { renderPlanMarkdown } from '../../../../src/planner/render/renderPlanMarkdown';
import { renderPlanTable } from '../../../../src/planner/render/renderPlanTable';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { smallConfig, smallEstate } from '../fixtures/smallTopology';

function rollbackPlan() {
  const estate = smallEstate({ spokes: 2 });
  const config = smallConfig();
  const forward = planDualStack(estate, config);
  const migrated = applyPlanToSnapshot(estate, forward);
  return { migrated, plan: planRollback(migrated, config, forward.reservations) };
}

describe('rendering a rollback plan', () => {
  it('JSON validates against the published plan schema, removals and all', () => {
    const { plan } = rollbackPlan();
    expect(plan.steps.length).toBeGreaterThan(0);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(renderPlanJson(plan)))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const parsed = JSON.parse(renderPlanJson(plan)) as { steps: { removals: unknown[] }[] };
    expect(
      validate({ ...parsed, steps: [{ ...parsed.steps[0], removals: [{ op: 'dropEverything' }] }] }),
    ).toBe(false);
  });

  it('Markdown says what goes, per VNet, and that IPv4 stays as observed', () => {
    const { migrated, plan } = rollbackPlan();
    const md = renderPlanMarkdown(plan, migrated);
    expect(md.split('\n')[0]).toBe('# Rollback plan (back to IPv4)');
    expect(md).toContain('| # | Resource | Change | IPv6 removed | IPv4 unchanged |');
    expect(md).toContain('remove IPv6 ip configuration');
    expect(md).toMatch(/remove IPv6 address space and subnet \/64s; tag to stay IPv4 \| .*[0-9a-f:]+\/56/);
    expect(md).toMatch(/^## Spoke `spoke1`: [0-9a-f:]+\/56 goes$/m);
    expect(md).not.toContain('✗');
    const table = renderPlanTable(plan);
    expect(table).toContain('remove IPv6 route default-ipv6');
    expect(table).toContain(`rollback to IPv4 · ${plan.steps.length} steps`);
  });
});
