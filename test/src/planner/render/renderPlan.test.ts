import Ajv from 'ajv';
import { planDualStack } from '../../../../src/planner/planDualStack';
import schema from '../../../../src/planner/render/plan.schema.json';
import { renderPlanJson } from '../../../../src/planner/render/renderPlanJson';
import { renderPlanMarkdown } from '../../../../src/planner/render/renderPlanMarkdown';
import { renderPlanTable } from '../../../../src/planner/render/renderPlanTable';
import { byName, smallConfig, smallEstate } from '../fixtures/smallTopology';

function samplePlan() {
  const estate = smallEstate({ spokes: 2 });
  byName(estate, 'lb-spoke2').sku = { name: 'Basic' };
  return { estate, plan: planDualStack(estate, smallConfig()) };
}

describe('plan rendering', () => {
  it('JSON validates against the published plan schema and round-trips', () => {
    const { plan } = samplePlan();
    const json = renderPlanJson(plan);
    const parsed = JSON.parse(json) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(parsed)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const { $schema, ...rest } = parsed;
    expect($schema).toBe(schema.$id);
    expect(rest).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(validate({ ...parsed, steps: [{ id: 'x' }] })).toBe(false);
  });

  it('Markdown: summary, blockers, then a table per VNet with IPv6 added and IPv4 unchanged', () => {
    const { estate, plan } = samplePlan();
    const md = renderPlanMarkdown(plan, estate);
    const sections = md.split('\n').filter((l) => l.startsWith('#'));
    expect(sections).toEqual([
      '# Dual-stack plan',
      '## Blockers (1)',
      `## Hub \`hub\`: ${plan.vnets[0]?.ipv6Prefix ?? ''}`,
      `## Spoke \`spoke1\`: ${plan.vnets[1]?.ipv6Prefix ?? ''}`,
      `## Spoke \`spoke2\`: ${plan.vnets[2]?.ipv6Prefix ?? ''}`,
      '## Warnings (1)',
    ]);
    expect(md).toContain('- **Blocked: nothing runs until every blocker is fixed.**');
    expect(md).toContain('- **BasicLoadBalancer** `lb-spoke2`');
    expect(md).toContain('| # | Resource | Change | IPv6 added | IPv4 unchanged |');
    expect(md).toContain('| `rt-spoke1` | add IPv6 routes | ::/0 → fd00:1:0:4::4 | ✓ |');
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(plan.steps.length);
    expect(rows.every((r) => r.endsWith('| ✓ |'))).toBe(true);
    expect(renderPlanMarkdown(plan)).not.toContain('IPv4 unchanged');
  });

  it('Markdown flags a desired body that moved IPv4', () => {
    const sample = samplePlan();
    const estate = sample.estate;
    // desired bodies share unchanged parts with the observed input: copy before editing
    const plan = structuredClone(sample.plan);
    const step = plan.steps.find((s) => s.kind === 'routeTable');
    const route = (
      step?.desired.properties?.routes as { properties: Record<string, unknown> }[] | undefined
    )?.[0];
    if (route) route.properties.nextHopIpAddress = '10.9.9.9';
    expect(renderPlanMarkdown(plan, estate)).toContain('✗ routes.default');
  });

  it('terminal table: one line per step within the width, then the counts', () => {
    const { plan } = samplePlan();
    const lines = renderPlanTable(plan, 100).trimEnd().split('\n');
    expect(lines).toHaveLength(2 + plan.steps.length + 3);
    for (const l of lines.slice(0, 2 + plan.steps.length)) expect(l.length).toBeLessThanOrEqual(100);
    expect(lines[2]).toMatch(/^ {3}1 vnet {3}hub /);
    expect(lines.at(-2)).toBe(
      `${plan.steps.length} steps · 3 VNets · pool fd00:1::/48 · 1 blockers · ${plan.warnings.length} warnings · ${plan.manualActions.length} manual actions`,
    );
    expect(lines.at(-1)).toMatch(/^BLOCKER BasicLoadBalancer lb-spoke2: /);
  });
});
