import type { NetworkSecurityGroup } from '@azure/arm-network';
import { NetworkManagementClient } from '@azure/arm-network';
import fc from 'fast-check';
import { toSdkModel } from '../../../../src/azure/wireModel';
import { planDualStack } from '../../../../src/planner/planDualStack';
import type { EmulatorHandle } from '../../../../emulator/EmulatorOptions';
import { emulatorCredential } from '../../../../emulator/emulatorCredential';
import { resourceGroup, startTestEmulator } from '../../../emulator/emulatorTestKit';
import { stepFor } from '../fixtures/planHelpers';
import type { NsgRuleSpec } from '../fixtures/smallTopology';
import { byName, nsg, SUB, smallConfig, smallEstate } from '../fixtures/smallTopology';

/**
 * What sits at one priority: nothing; an IPv4 rule that gets a twin; an IPv4 ICMP rule (no twin, and IPv6 traffic
 * never meets it); a service-tag rule or an IPv6 rule (both meet IPv6 traffic, so a twin may not step over them).
 */
type Slot = 'free' | 'ipv4' | 'icmp' | 'tag' | 'ipv6';

const slotArb = fc.oneof(
  { arbitrary: fc.constant<Slot>('free'), weight: 1 },
  { arbitrary: fc.constant<Slot>('ipv4'), weight: 4 },
  { arbitrary: fc.constant<Slot>('icmp'), weight: 1 },
  { arbitrary: fc.constant<Slot>('tag'), weight: 2 },
  { arbitrary: fc.constant<Slot>('ipv6'), weight: 1 },
);

/** Two directions of a window of priorities, most of them taken; windows at both ends of 100..4096 included. */
const nsgArb = fc
  .record({
    start: fc.oneof(fc.constant(100), fc.constant(3900), fc.integer({ min: 100, max: 4000 })),
    inbound: fc.array(slotArb, { minLength: 1, maxLength: 196 }),
    outbound: fc.array(slotArb, { minLength: 1, maxLength: 196 }),
    shuffled: fc.boolean(),
  })
  .map(({ start, inbound, outbound, shuffled }) => {
    const rules: NsgRuleSpec[] = [];
    for (const [direction, slots] of [
      ['Inbound', inbound],
      ['Outbound', outbound],
    ] as const) {
      slots.forEach((slot, i) => {
        const priority = start + i;
        if (slot === 'free' || priority > 4096) return;
        const name = `${direction.toLowerCase()}-${priority}`;
        const source = { ipv4: '10.1.0.0/16', icmp: '0.0.0.0/0', tag: 'VirtualNetwork', ipv6: 'fd00:9::/48' }[
          slot
        ];
        rules.push({
          name,
          priority,
          direction,
          source,
          destination: '*',
          ...(slot === 'icmp' ? { protocol: 'Icmp' } : {}),
        });
      });
    }
    return shuffled ? rules.reverse() : rules;
  });

interface WireRule {
  name: string;
  properties: { priority: number; direction: string };
}

describe('NSG twin priorities in nearly full NSGs', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  beforeAll(async () => {
    handle = await startTestEmulator({ throttling: false });
    handle.load([resourceGroup('rg-spoke1', SUB)]);
    client = new NetworkManagementClient(emulatorCredential(), SUB, {
      endpoint: handle.endpoint,
      tlsOptions: { ca: handle.ca },
    });
  });
  afterAll(() => handle.stop());

  it('plans every twin on a free priority of its direction, or blocks naming the NSG; the emulator accepts the body', async () => {
    let planned = 0;
    let blocked = 0;
    await fc.assert(
      fc.asyncProperty(nsgArb, async (rules) => {
        const estate = smallEstate({ spokes: 1 });
        const observed = nsg('rg-spoke1', 'nsg-spoke1', rules);
        estate[estate.findIndex((r) => r.id === observed.id)] = observed;
        const plan = planDualStack(estate, smallConfig());

        const blockers = plan.blockers.filter((b) => b.code === 'NsgNoPriorityRoom');
        for (const b of blockers) expect(b.message).toContain('nsg-spoke1');
        const blockedRules = new Set(blockers.map((b) => b.resourceId.split('/').pop()));
        const step = stepFor(plan, 'networkSecurityGroup', byName(estate, 'nsg-spoke1'));
        const desired = (step?.desired.properties?.securityRules ?? []) as WireRule[];
        const twins = new Set(desired.map((r) => r.name));
        // Every IPv4 rule but ICMP ones gets its twin or a blocker, never both and never neither.
        for (const r of rules.filter((x) => x.source === '10.1.0.0/16'))
          expect([twins.has(`${r.name}-ipv6`), blockedRules.has(r.name)]).toEqual(
            twins.has(`${r.name}-ipv6`) ? [true, false] : [false, true],
          );
        planned += twins.size - rules.length;
        blocked += blockers.length;
        if (!step) return;

        const slots = desired.map((r) => `${r.properties.priority}/${r.properties.direction.toLowerCase()}`);
        expect(new Set(slots).size).toBe(slots.length);
        for (const r of desired) {
          expect(r.properties.priority).toBeGreaterThanOrEqual(100);
          expect(r.properties.priority).toBeLessThanOrEqual(4096);
        }
        const stored = await client.networkSecurityGroups.beginCreateOrUpdateAndWait(
          'rg-spoke1',
          'nsg-spoke1',
          toSdkModel<NetworkSecurityGroup>('NetworkSecurityGroup', step.desired),
          { updateIntervalInMs: 1 },
        );
        expect(stored.securityRules).toHaveLength(desired.length);
      }),
      { numRuns: 40, seed: 1405 },
    );
    // The generator reaches both outcomes, so neither half of the property holds vacuously.
    expect(planned).toBeGreaterThan(0);
    expect(blocked).toBeGreaterThan(0);
  });
});
