import type { ArmResource } from '../../../../src/arm/ArmResource';
import type { Plan, PlanStep } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { renderPlanMarkdown } from '../../../../src/planner/render/renderPlanMarkdown';
import { renderPlanTable } from '../../../../src/planner/render/renderPlanTable';
import { AVNM_TWIN_MARK } from '../../../../src/planner/steps/avnmRuleTwins';
import {
  ADMIN,
  ADMIN_COLLECTION,
  avnmRules,
  COMMIT_TIME,
  DEFAULT_ROUTE,
  NM,
  ROUTING,
  ROUTING_COLLECTION,
  routingRule,
  type AvnmOptions,
} from '../fixtures/avnmRules';
import { codes } from '../fixtures/planHelpers';
import { HUB_ID, id, routeTable, smallConfig, smallEstate, SUB } from '../fixtures/smallTopology';

const SPOKE1 = id('rg-spoke1', 'virtualNetworks', 'spoke1');
const SPOKE2 = id('rg-spoke2', 'virtualNetworks', 'spoke2');

function plan(options: AvnmOptions = {}, estate = smallEstate({ spokes: 2 })): Plan {
  return planDualStack([...estate, ...avnmRules(options)], smallConfig());
}

const ofKind = (p: Plan, kind: PlanStep['kind']) => p.steps.filter((s) => s.kind === kind);

function created(step: PlanStep | undefined): ArmResource & { kind?: string } {
  const a = step?.additions[0];
  if (a?.op !== 'createResource') throw new Error(`not a create step: ${step?.id}`);
  return a.value;
}

/** The twins as Azure answers them once created (on 1 February). */
function applied(p: Plan): ArmResource[] {
  return [...ofKind(p, 'avnmRoutingRule'), ...ofKind(p, 'avnmSecurityAdminRule')].map(
    (s) => ({ ...created(s), systemData: { lastModifiedAt: '2026-02-01T00:00:00Z' } }) as ArmResource,
  );
}

describe('IPv6 twins of AVNM routing and security admin rules', () => {
  const p = plan();
  const block = (vnetId: string, subnet?: number) => {
    const v = p.vnets.find((x) => x.vnetId === vnetId);
    return (subnet === undefined ? v?.ipv6Prefix : v?.subnets[subnet]?.ipv6Prefix) ?? 'x';
  };

  it("adds the routing rule's twin to its collection: ::/0 to the NVA load balancer's IPv6 frontend, after that frontend", () => {
    const [step] = ofKind(p, 'avnmRoutingRule');
    const twin = created(step);
    expect(twin.id).toBe(`${ROUTING_COLLECTION}/rules/default-ipv6`);
    expect(twin.properties).toEqual({
      description: `${AVNM_TWIN_MARK}default`,
      destination: { type: 'AddressPrefix', destinationAddress: '::/0' },
      nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: expect.stringMatching(/^[0-9a-f:]+::4$/) },
    });
    const lbStep = p.steps.find((s) => s.kind === 'loadBalancer' && s.resourceId.endsWith('/lb-nva'));
    expect(step?.dependsOn).toContain(lbStep?.id);
    expect(step?.dependsOn).toContain(`virtualNetwork:${SPOKE1.toLowerCase()}`);
    // AVNM resources belong to no VNet: they run with the shared steps, once their VNets are ready.
    expect(step?.vnetId).toBeUndefined();
    expect(step?.vnetIds).toEqual([SPOKE1]);
  });

  it("adds the admin rule's twin next to it, with the hub's /56 and the spoke subnet's /64, other fields as they were", () => {
    const [step] = ofKind(p, 'avnmSecurityAdminRule');
    const twin = created(step);
    expect(twin.id).toBe(`${ADMIN_COLLECTION}/rules/allow-hub-ipv6`);
    expect(twin.kind).toBe('Custom');
    expect(twin.properties).toEqual({
      description: `${AVNM_TWIN_MARK}allow-hub`,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourcePortRanges: [],
      destinationPortRanges: ['443'],
      priority: 101,
      sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: block(HUB_ID) }],
      destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: block(SPOKE1, 0) }],
    });
  });

  it('deploys each kind once, after its twins, to the regions where the configuration is deployed', () => {
    const commits = ofKind(p, 'avnmCommit');
    expect(commits.map((c) => [c.id, c.additions])).toEqual([
      [
        `avnmCommit:${NM.toLowerCase()}/commit/routing`,
        [
          {
            op: 'commitAvnm',
            commit: { commitType: 'Routing', configurationIds: [ROUTING], targetLocations: ['westeurope'] },
          },
        ],
      ],
      [
        `avnmCommit:${NM.toLowerCase()}/commit/securityadmin`,
        [
          {
            op: 'commitAvnm',
            commit: {
              commitType: 'SecurityAdmin',
              configurationIds: [ADMIN],
              targetLocations: ['westeurope'],
            },
          },
        ],
      ],
    ]);
    expect(commits[0]?.dependsOn).toEqual(ofKind(p, 'avnmRoutingRule').map((s) => s.id));
    expect(commits[1]?.dependsOn).toEqual(ofKind(p, 'avnmSecurityAdminRule').map((s) => s.id));
    expect(p.steps.indexOf(commits[0] as PlanStep)).toBeGreaterThan(
      p.steps.indexOf(ofKind(p, 'avnmRoutingRule')[0] as PlanStep),
    );
    // The manual actions that used to stand in for these steps are gone.
    expect(codes(p.manualActions).filter((c) => c.startsWith('Avnm'))).toEqual([]);
  });

  it('shows the twins and the commits in the rendered plan', () => {
    const md = renderPlanMarkdown(p);
    expect(md).toContain('default-ipv6: ::/0 →');
    expect(md).toContain('allow-hub-ipv6 @101');
    expect(md).toContain('Routing → westeurope');
    expect(renderPlanTable(p)).toMatch(/commit\s+avnm/);
  });

  it('plans nothing once the twins exist and a later commit deployed them; only the commit when it is older', () => {
    const twins = applied(p);
    const after = (commitTime: string) =>
      planDualStack(
        [...smallEstate({ spokes: 2 }), ...avnmRules({ commitTime }), ...twins],
        smallConfig(),
      ).steps.filter((s) => s.kind.startsWith('avnm'));
    expect(after('2026-03-01T00:00:00Z')).toEqual([]);
    expect(after(COMMIT_TIME).map((s) => s.kind)).toEqual(['avnmCommit', 'avnmCommit']);
    expect(after(COMMIT_TIME).every((s) => s.dependsOn.length === 0)).toBe(true);
  });

  it('never edits the route table AVNM manages on the subnets; names the user routes it copied in', () => {
    const managed = routeTable('AVNM-Managed-ResourceGroup-x', 'rt-avnm-spoke1', [
      { name: 'default', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.0.4.4' },
      { name: 'onprem', prefix: '192.168.0.0/16', type: 'VirtualAppliance', ip: '10.0.4.4' },
    ]);
    const estate = smallEstate({ spokes: 2 }).map((r) =>
      r.id === SPOKE1
        ? (JSON.parse(
            JSON.stringify(r).replaceAll(id('rg-spoke1', 'routeTables', 'rt-spoke1'), managed.id),
          ) as ArmResource)
        : r,
    );
    const q = plan({}, [...estate, managed]);
    expect(q.steps.some((s) => s.resourceId === managed.id)).toBe(false);
    expect(q.steps.some((s) => s.resourceId === id('rg-spoke2', 'routeTables', 'rt-spoke2'))).toBe(true);
    const action = q.manualActions.find((a) => a.code === 'AvnmManagedRouteTable');
    expect(action?.resourceId).toBe(managed.id);
    expect(action?.message).toContain('onprem');
    expect(action?.message).not.toContain('default,');
  });

  it('with UseExisting, twins only the routes people wrote in the table; the one AVNM appended goes to the collection', () => {
    const table = id('rg-spoke1', 'routeTables', 'rt-spoke1');
    const estate = smallEstate({ spokes: 2 }).map((r) =>
      r.id === table
        ? routeTable('rg-spoke1', 'rt-spoke1', [
            { name: 'default', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.0.4.4' },
            { name: 'to-spoke2', prefix: '10.2.0.0/16', type: 'VirtualAppliance', ip: '10.0.4.4' },
          ])
        : r,
    );
    const q = plan({ routeTableUsageMode: 'UseExisting' }, estate);
    const step = q.steps.find((s) => s.resourceId === table);
    const names = (step?.additions ?? []).map((a) => (a.op === 'addChild' ? a.value.name : ''));
    expect(names).toEqual(['to-spoke2-ipv6']);
    expect(ofKind(q, 'avnmRoutingRule')).toHaveLength(1);
  });

  it('a collection that also reaches a VNet the migration leaves IPv4 is a manual action, not a twin', () => {
    const lab = id('rg-lab', 'virtualNetworks', 'lab');
    const q = plan({ members: [SPOKE1, lab] });
    expect(q.steps.filter((s) => s.kind.startsWith('avnm'))).toEqual([]);
    const found = q.manualActions.filter((a) => a.code === 'AvnmCollectionBeyondMigration');
    expect(found.map((a) => a.resourceId).sort()).toEqual([ADMIN_COLLECTION, ROUTING_COLLECTION].sort());
    expect(found[0]?.message).toContain('lab');
  });

  it('a network manager outside the configured scope gets manual actions', () => {
    const elsewhere = '22222222-2222-4222-8222-222222222222';
    const members = avnmRules().map((r) =>
      r.type.endsWith('staticMembers')
        ? { ...r, id: r.id.replace(SUB, elsewhere) }
        : (JSON.parse(JSON.stringify(r).replaceAll(SUB, elsewhere)) as ArmResource),
    );
    const q = planDualStack([...smallEstate({ spokes: 2 }), ...members], smallConfig());
    expect(q.steps.filter((s) => s.kind.startsWith('avnm'))).toEqual([]);
    expect(codes(q.manualActions)).toEqual(expect.arrayContaining(['AvnmManagerOutOfScope']));
  });

  it('a service-tag or gateway routing rule gets a coded manual action naming it', () => {
    const q = plan({
      routingRules: [
        routingRule('to-storage', {
          destination: { type: 'ServiceTag', destinationAddress: 'Storage' },
          nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: '10.0.4.4' },
        }),
        routingRule('onprem', {
          destination: { type: 'AddressPrefix', destinationAddress: '192.168.0.0/16' },
          nextHop: { nextHopType: 'VirtualNetworkGateway' },
        }),
        DEFAULT_ROUTE,
      ],
    });
    const names = q.manualActions
      .filter((a) => a.code === 'AvnmRoutingRuleNotTwinned')
      .map((a) => a.resourceId);
    expect(names).toEqual([`${ROUTING_COLLECTION}/rules/onprem`, `${ROUTING_COLLECTION}/rules/to-storage`]);
    expect(ofKind(q, 'avnmRoutingRule')).toHaveLength(1);
  });

  it('a configuration not deployed in the spokes region gets no twins and no commit (its rules are not in effect)', () => {
    const q = plan({ deployedIn: [] });
    expect(q.steps.filter((s) => s.kind.startsWith('avnm'))).toEqual([]);
    expect(codes(q.warnings).filter((c) => c === 'AvnmConfigurationNotDeployed')).toHaveLength(2);
  });

  it('without deployment status (an exported estate), targets the regions of the migrated VNets', () => {
    const q = plan({ deployedIn: 'unknown', members: [SPOKE1, SPOKE2] });
    const commit = ofKind(q, 'avnmCommit')[0]?.additions[0];
    expect(commit).toEqual({
      op: 'commitAvnm',
      commit: { commitType: 'Routing', configurationIds: [ROUTING], targetLocations: ['westeurope'] },
    });
    expect(ofKind(q, 'avnmRoutingRule')[0]?.vnetIds).toEqual([SPOKE1, SPOKE2]);
  });
});
