import type { ArmResource } from '../../../../src/arm/ArmResource';
import { idKey } from '../../../../src/arm/resourceId';
import { anmPeeringNames } from '../../../../estates/builders/networkManager';
import { REFERENCE_LAYOUT, referenceTopology } from '../../../../estates/referenceTopology';
import { parseConfig } from '../../../../src/planner/config/parseConfig';
import type { PlanStep } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { codes } from '../fixtures/planHelpers';

const before = referenceTopology();
const vnet = (name: string): ArmResource => {
  const found = before.find((r) => r.name === name && r.type === 'Microsoft.Network/virtualNetworks');
  if (!found) throw new Error(`no ${name}`);
  return found;
};
const HUB = vnet(REFERENCE_LAYOUT.hub.vnet).id;
const AVNM_SPOKE = vnet('vnet-spoke-nonprod-2').id;
const OTHER_SPOKE = vnet('vnet-spoke-prod-1').id;
const CONFIG_ID = before.find(
  (r) => r.type === 'Microsoft.Network/networkManagers/connectivityConfigurations',
)?.id;
const ANM = anmPeeringNames('vnet-spoke-nonprod-2', 'vnet-hub');
const config = parseConfig({
  hubVnetId: HUB,
  scope: { subscriptions: [HUB.split('/')[2]] },
  ipv6Pool: '2001:db8:1234::/48',
});
const forward = planDualStack(before, config);
const after = applyPlanToSnapshot(before, forward);

const connectivityCommits = (steps: PlanStep[]) =>
  steps.filter((s) =>
    s.removals?.some((r) => r.op === 'commitAvnm' && r.commit.commitType === 'Connectivity'),
  );
const vnetStepOf = (steps: PlanStep[], id: string) =>
  steps.find((s) => s.kind === 'virtualNetwork' && idKey(s.resourceId) === idKey(id))?.id;
/** The remote address space each ANM_ peering shows: hub -> spoke, then spoke -> hub. */
const anmSpaces = (estate: ArmResource[]): unknown[] =>
  [
    [HUB, ANM.fromHub],
    [AVNM_SPOKE, ANM.toHub],
  ].map(([v, name]) => {
    const holder = estate.find((r) => idKey(r.id) === idKey(v ?? ''));
    const peerings = (holder?.properties?.virtualNetworkPeerings ?? []) as ArmResource[];
    return peerings.find((p) => p.name === name)?.properties?.remoteAddressSpace;
  });

describe('rollback of the AVNM-connected spoke', () => {
  it('takes the address spaces out first, then deploys cc-hub-spoke again instead of syncing AVNM peerings', () => {
    const plan = planRollback(after, config, forward.reservations);
    expect(plan.steps.filter((s) => s.kind === 'peeringSync' && s.resourceId.includes('/ANM_'))).toEqual([]);
    const [commit, ...more] = connectivityCommits(plan.steps);
    expect(more).toEqual([]);
    expect(commit?.removals).toEqual([
      {
        op: 'commitAvnm',
        commit: {
          commitType: 'Connectivity',
          configurationIds: [CONFIG_ID],
          targetLocations: ['westeurope'],
        },
      },
    ]);
    const vnetSteps = [vnetStepOf(plan.steps, HUB), vnetStepOf(plan.steps, AVNM_SPOKE)];
    expect(commit?.dependsOn.sort()).toEqual([...vnetSteps].sort());
    expect(plan.steps.findIndex((s) => s.id === commit?.id)).toBeGreaterThan(
      Math.max(...vnetSteps.map((id) => plan.steps.findIndex((s) => s.id === id))),
    );
    expect(commit?.vnetIds.map(idKey).sort()).toEqual([HUB, AVNM_SPOKE].map(idKey).sort());
    expect(plan.manualActions).toEqual([]);
    // Deployed again, AVNM writes each peering with its remote's IPv4 space: as before the migration.
    const restored = applyPlanToSnapshot(after, plan);
    expect(anmSpaces(restored)).toEqual(anmSpaces(before));
    expect(planRollback(restored, config, forward.reservations).steps).toEqual([]);
  });

  it('commits for the spoke alone when only it goes back: the hub keeps IPv6, its ANM_ peering drops the spoke block', () => {
    const plan = planRollback(after, config, forward.reservations, { vnetIds: [AVNM_SPOKE] });
    const [commit] = connectivityCommits(plan.steps);
    expect(commit?.dependsOn).toEqual([vnetStepOf(plan.steps, AVNM_SPOKE)]);
    expect(commit?.vnetIds).toEqual([AVNM_SPOKE]);
    const block = forward.reservations.find((r) => idKey(r.vnetId) === idKey(AVNM_SPOKE))?.prefix;
    expect(commit?.ipv6Prefixes).toEqual([block]);
    const [hubSide] = anmSpaces(applyPlanToSnapshot(after, plan));
    expect(hubSide).toEqual(anmSpaces(before)[0]);
  });

  it('commits nothing when the AVNM spoke stays dual-stack', () => {
    const plan = planRollback(after, config, forward.reservations, { vnetIds: [OTHER_SPOKE] });
    expect(connectivityCommits(plan.steps)).toEqual([]);
    expect(plan.steps.filter((s) => s.resourceId.includes('/ANM_'))).toEqual([]);
  });

  it('names the peerings as a manual action, never a direct sync, when the estate does not say where AVNM deployed', () => {
    const blind = after.filter((r) => !r.type.endsWith('/deploymentStatus'));
    const plan = planRollback(blind, config, forward.reservations);
    expect(connectivityCommits(plan.steps)).toEqual([]);
    expect(plan.steps.filter((s) => s.resourceId.includes('/ANM_'))).toEqual([]);
    expect(codes(plan.manualActions)).toEqual(['AvnmRedeployConnectivity', 'AvnmRedeployConnectivity']);
    expect(plan.manualActions.map((a) => a.resourceId.split('/').at(-1)).sort()).toEqual(
      [ANM.fromHub, ANM.toHub].sort(),
    );
  });
});
