import type { ArmResource } from '../../../../src/arm/ArmResource';
import type { Plan } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { ADMIN, avnmRules, NM, ROUTING, ROUTING_COLLECTION, routingRule } from '../fixtures/avnmRules';
import { codes } from '../fixtures/planHelpers';
import { HUB_ID, id, smallConfig, smallEstate } from '../fixtures/smallTopology';

const SPOKE1 = id('rg-spoke1', 'virtualNetworks', 'spoke1');
const SPOKE2 = id('rg-spoke2', 'virtualNetworks', 'spoke2');
const config = smallConfig();

function migrated(extra: ArmResource[] = []) {
  const before = [...smallEstate({ spokes: 2 }), ...avnmRules(), ...extra];
  const forward = planDualStack(before, config);
  return { after: applyPlanToSnapshot(before, forward), reservations: forward.reservations };
}

const avnmSteps = (p: Plan) => p.steps.filter((s) => s.kind.startsWith('avnm'));

describe('rollback of the AVNM rule twins', () => {
  const { after, reservations } = migrated();

  it('deletes both twins, then deploys each configuration again; the NVA frontend goes only after the routing commit', () => {
    const p = planRollback(after, config, reservations);
    const steps = avnmSteps(p);
    expect(steps.map((s) => [s.kind, s.resourceId.split('/').at(-1), s.removals])).toEqual([
      ['avnmRoutingRule', 'default-ipv6', [{ op: 'deleteResource' }]],
      ['avnmSecurityAdminRule', 'allow-hub-ipv6', [{ op: 'deleteResource' }]],
      [
        'avnmCommit',
        'avnm',
        [
          {
            op: 'commitAvnm',
            commit: { commitType: 'Routing', configurationIds: [ROUTING], targetLocations: ['westeurope'] },
          },
        ],
      ],
      [
        'avnmCommit',
        'avnm',
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
    const routingCommit = `avnmCommit:${NM.toLowerCase()}/commit/routing`;
    expect(steps[2]?.id).toBe(routingCommit);
    expect(steps[2]?.dependsOn).toEqual([steps[0]?.id]);
    const nvaLb = p.steps.find((s) => s.kind === 'loadBalancer' && s.resourceId.endsWith('/lb-nva'));
    expect(nvaLb?.dependsOn).toContain(routingCommit);
    // The re-plan of the estate the rollback leaves finds no twin to delete and nothing to commit.
    const back = applyPlanToSnapshot(after, p).filter(
      (r) => !steps.some((s) => s.resourceId === r.id && s.kind !== 'avnmCommit'),
    );
    expect(avnmSteps(planRollback(back, config, reservations))).toEqual([]);
  });

  it('keeps the twins while a VNet of the collection keeps IPv6: rolling back spoke2 alone touches no AVNM rule', () => {
    expect(avnmSteps(planRollback(after, config, reservations, { vnetIds: [SPOKE2] }))).toEqual([]);
  });

  it("rolling back the collection's only spoke deletes its twins though the hub keeps IPv6", () => {
    const p = planRollback(after, config, reservations, { vnetIds: [SPOKE1] });
    expect(avnmSteps(p).map((s) => s.kind)).toEqual([
      'avnmRoutingRule',
      'avnmSecurityAdminRule',
      'avnmCommit',
      'avnmCommit',
    ]);
    expect(avnmSteps(p).every((s) => s.vnetId === undefined && s.vnetIds.join() === SPOKE1)).toBe(true);
    expect(p.vnets.map((v) => v.vnetId)).not.toContain(HUB_ID);
  });

  it('never deletes a rule a person wrote under a twin-like name', () => {
    const theirs = routingRule('default-ipv6', {
      description: 'written by hand',
      destination: { type: 'AddressPrefix', destinationAddress: '::/0' },
      nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: 'fd00::4' },
    });
    const m = migrated([theirs]);
    const p = planRollback(m.after, config, m.reservations);
    expect(avnmSteps(p).map((s) => s.resourceId)).not.toContain(`${ROUTING_COLLECTION}/rules/default-ipv6`);
    expect(codes(p.blockers)).toEqual([]);
  });
});
