import fc from 'fast-check';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { contains, overlaps, parseCidr } from '../../../src/arm/cidr';
import { idKey, parentResourceId } from '../../../src/arm/resourceId';
import { preferredSlot } from '../../../src/planner/addressPlan/preferredSlot';
import { parseConfig } from '../../../src/planner/config/parseConfig';
import { ipv4Differences } from '../../../src/planner/ipv4Fingerprint';
import type { Plan } from '../../../src/planner/Plan';
import { planDualStack } from '../../../src/planner/planDualStack';
import { generateEstate } from '../../../estates/generateEstate';
import { applyPlanToSnapshot } from './fixtures/applyPlanToSnapshot';

const VNET = 'Microsoft.Network/virtualNetworks';

const estateArb = fc.record({
  spokes: fc.integer({ min: 1, max: 8 }),
  subnetsPerSpoke: fc.integer({ min: 1, max: 3 }),
  nicsPerSubnet: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer(),
});

function hubOf(estate: ArmResource[]): ArmResource {
  const hub = estate.find((r) => r.type === VNET && r.name === 'vnet-hub');
  if (!hub) throw new Error('generated estate has no hub');
  return hub;
}

function configFor(estate: ArmResource[], pool = 'fd00:ab::/48') {
  const hub = hubOf(estate);
  return parseConfig({ hubVnetId: hub.id, scope: { subscriptions: [hub.id.split('/')[2]] }, ipv6Pool: pool });
}

function spokePrefixes(plan: Plan): Map<string, string | undefined> {
  return new Map(plan.vnets.filter((v) => v.role === 'spoke').map((v) => [idKey(v.vnetId), v.ipv6Prefix]));
}

/** The estate without one spoke: its resource group gone, and the hub's peering to it. */
function withoutSpoke(estate: ArmResource[], spoke: ArmResource): ArmResource[] {
  const rg = `/resourcegroups/${(spoke.id.split('/')[4] ?? '').toLowerCase()}/`;
  return estate
    .filter((r) => !r.id.toLowerCase().includes(rg))
    .map((r) => {
      if (r.type !== VNET || r.name !== 'vnet-hub') return r;
      const copy = structuredClone(r);
      const p = copy.properties as {
        virtualNetworkPeerings: { properties: { remoteVirtualNetwork: { id: string } } }[];
      };
      p.virtualNetworkPeerings = p.virtualNetworkPeerings.filter(
        (x) => idKey(x.properties.remoteVirtualNetwork.id) !== idKey(spoke.id),
      );
      return copy;
    });
}

/** Resource content with inline peerings set aside: what a non-sync step changes. */
function withoutPeerings(r: ArmResource): string {
  const copy = structuredClone(r);
  if (copy.properties) delete copy.properties.virtualNetworkPeerings;
  return JSON.stringify(copy);
}

describe('planner properties over generated estates', () => {
  it('gives non-overlapping VNet blocks, /64s inside them, and leaves IPv4 as it was', () => {
    fc.assert(
      fc.property(estateArb, (opts) => {
        const estate = generateEstate(opts);
        const plan = planDualStack(estate, configFor(estate));
        expect(plan.blockers).toEqual([]);
        const blocks = plan.vnets.map((v) => parseCidr(v.ipv6Prefix ?? ''));
        blocks.forEach((a, i) => {
          expect(a?.length).toBe(56);
          blocks.slice(i + 1).forEach((b) => expect(a && b && overlaps(a, b)).toBe(false));
        });
        plan.vnets.forEach((v, i) =>
          v.subnets.forEach((s) => {
            if (!s.ipv6Prefix) return;
            const c = parseCidr(s.ipv6Prefix);
            expect(c?.length).toBe(64);
            expect(c && blocks[i] && contains(blocks[i], c)).toBe(true);
          }),
        );
        const observed = new Map(estate.map((r) => [idKey(r.id), r]));
        for (const step of plan.steps) {
          const before = observed.get(idKey(step.resourceId));
          if (before) {
            expect(ipv4Differences(before, step.desired)).toEqual([]);
            continue;
          }
          // a peering (sync) or circuit peering: compare with the child inside its parent
          const parent = observed.get(idKey(parentResourceId(step.resourceId)));
          const children = Object.values(parent?.properties ?? {}).flatMap((v) =>
            Array.isArray(v) ? (v as ArmResource[]) : [],
          );
          const inline = children.find(
            (c) => typeof c.id === 'string' && idKey(c.id) === idKey(step.resourceId),
          );
          expect(inline).toBeDefined();
          if (inline)
            expect(ipv4Differences({ ...inline, type: step.desired.type }, step.desired)).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('has one step per changed resource plus the peering syncs, and plans nothing once applied', () => {
    fc.assert(
      fc.property(estateArb, (opts) => {
        const estate = generateEstate(opts);
        const config = configFor(estate);
        const plan = planDualStack(estate, config);
        const after = applyPlanToSnapshot(estate, plan);
        const before = new Map(estate.map((r) => [idKey(r.id), r]));
        const changed = after.filter(
          (r) => withoutPeerings(r) !== withoutPeerings(before.get(idKey(r.id)) ?? r),
        ).length;
        const circuitPeerings = plan.steps.filter((s) => s.kind === 'expressRouteCircuitPeering').length;
        const syncs = plan.steps.filter((s) => s.kind === 'peeringSync');
        expect(plan.steps.length - syncs.length).toBe(changed + circuitPeerings);
        expect(new Set(plan.steps.map((s) => idKey(s.resourceId))).size).toBe(plan.steps.length);
        // every spoke and the hub gain IPv6 here, so both sides of every hub-spoke peering are synced
        expect(syncs.length).toBe(2 * opts.spokes);
        const again = planDualStack(after, config, plan.reservations);
        expect(again.steps).toEqual([]);
        expect(again.blockers).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps every other spoke’s block when one spoke is added or removed', () => {
    fc.assert(
      fc.property(estateArb, fc.nat(), (opts, pick) => {
        const estate = generateEstate(opts);
        const grown = generateEstate({ ...opts, spokes: opts.spokes + 1 });
        const spokes = estate.filter((r) => r.type === VNET && r.name !== 'vnet-hub');
        const removed = spokes[pick % spokes.length];
        if (!removed) throw new Error('no spoke');
        const shrunk = withoutSpoke(estate, removed);
        // A first plan hashes each new spoke to its slot; distinct slots make it exact (see preferredSlot).
        const slots = grown
          .filter((r) => r.type === VNET && r.name !== 'vnet-hub')
          .map((r) => preferredSlot(r.id, 256n));
        fc.pre(new Set(slots).size === slots.length);
        const config = configFor(estate);
        const base = spokePrefixes(planDualStack(estate, config));
        for (const other of [planDualStack(grown, config), planDualStack(shrunk, config)]) {
          const next = spokePrefixes(other);
          for (const [k, prefix] of next) if (base.has(k)) expect(prefix).toBe(base.get(k));
        }
        expect(spokePrefixes(planDualStack(grown, config)).size).toBe(base.size + 1);
      }),
      { numRuns: 40 },
    );
  });

  it('with the first plan’s reservations held, adding or removing spokes never moves another, collisions or not', () => {
    fc.assert(
      fc.property(estateArb, fc.nat(), (opts, pick) => {
        const estate = generateEstate(opts);
        // A /52 pool has 16 blocks: collisions between hashed slots are common here.
        const config = configFor(estate, 'fd00:ab::/52');
        const first = planDualStack(estate, config);
        const base = spokePrefixes(first);
        const spokes = estate.filter((r) => r.type === VNET && r.name !== 'vnet-hub');
        const removed = spokes[pick % spokes.length];
        if (!removed) throw new Error('no spoke');
        for (const other of [
          generateEstate({ ...opts, spokes: opts.spokes + 1 }),
          withoutSpoke(estate, removed),
        ]) {
          const next = spokePrefixes(planDualStack(other, config, first.reservations));
          for (const [k, prefix] of next) if (base.has(k)) expect(prefix).toBe(base.get(k));
          const all = [...next.values()];
          expect(new Set(all).size).toBe(all.length);
        }
      }),
      { numRuns: 40 },
    );
  });
});
