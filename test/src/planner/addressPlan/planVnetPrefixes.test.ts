import { formatCidr, parseCidr } from '../../../../src/arm/cidr';
import { idKey } from '../../../../src/arm/resourceId';
import { preferredSlot } from '../../../../src/planner/addressPlan/preferredSlot';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { HUB_ID, byName, id, smallConfig, smallEstate, vnet } from '../fixtures/smallTopology';

const prefixOf = (plan: ReturnType<typeof planDualStack>, name: string) =>
  plan.vnets.find((v) => v.vnetId.endsWith(`/${name}`))?.ipv6Prefix;

function slotPrefix(pool: string, slot: bigint): string {
  const p = parseCidr(pool);
  if (!p) throw new Error('bad pool');
  return formatCidr({ version: 'IPv6', network: p.network + (slot << 72n), length: 56 });
}

describe('VNet /56 blocks', () => {
  it('gives the hub the first /56 and each spoke its hash-preferred /56, probing past a collision', () => {
    const estate = smallEstate({ spokes: 3 });
    const plan = planDualStack(estate, smallConfig());
    expect(prefixOf(plan, 'hub')).toBe('fd00:1::/56');
    const preferred = [1, 2, 3].map((n) => preferredSlot(byName(estate, `spoke${n}`).id, 256n));
    // spoke2 and spoke3 hash to the same slot: spoke2 comes first by id, spoke3 takes the next one.
    expect(preferred[1]).toBe(preferred[2]);
    expect(prefixOf(plan, 'spoke1')).toBe(slotPrefix('fd00:1::/48', preferred[0] ?? 0n));
    expect(prefixOf(plan, 'spoke2')).toBe(slotPrefix('fd00:1::/48', preferred[1] ?? 0n));
    expect(prefixOf(plan, 'spoke3')).toBe(slotPrefix('fd00:1::/48', (preferred[2] ?? 0n) + 1n));
    expect(plan.reservations).toHaveLength(4);
  });

  it('never renumbers existing IPv6 and plans no address-space change for it', () => {
    const estate = smallEstate({ spokes: 1 });
    const spoke = byName(estate, 'spoke1');
    (spoke.properties as { addressSpace: { addressPrefixes: string[] } }).addressSpace.addressPrefixes.push(
      'fd99:0:0:1200::/56',
    );
    const plan = planDualStack(estate, smallConfig());
    expect(prefixOf(plan, 'spoke1')).toBe('fd99:0:0:1200::/56');
    const step = plan.steps.find((s) => s.id === `virtualNetwork:${idKey(spoke.id)}`);
    expect(step?.additions.filter((a) => a.op === 'appendToArray')).toEqual([]);
    expect(step?.ipv6Prefixes).toEqual(['fd99:0:0:1200::/64', 'fd99:0:0:1201::/64']);
    expect(plan.reservations.map((r) => r.vnetId)).not.toContain(spoke.id);
  });

  it('takes a held reservation first and keeps other VNets off reserved blocks', () => {
    const estate = smallEstate({ spokes: 2 });
    const s1 = byName(estate, 'spoke1');
    const s2 = byName(estate, 'spoke2');
    const wanted2 = slotPrefix('fd00:1::/48', preferredSlot(s2.id, 256n));
    const plan = planDualStack(estate, smallConfig(), [
      { vnetId: s1.id, prefix: 'fd00:1:0:ab00::/56' },
      // another run holds spoke2's preferred block for a VNet we can't see
      { vnetId: id('rg-other', 'virtualNetworks', 'elsewhere'), prefix: wanted2 },
    ]);
    expect(prefixOf(plan, 'spoke1')).toBe('fd00:1:0:ab00::/56');
    expect(prefixOf(plan, 'spoke2')).not.toBe(wanted2);
    expect(plan.reservations).toContainEqual({ vnetId: s1.id, prefix: 'fd00:1:0:ab00::/56' });
  });

  it('ignores a reservation that overlaps IPv6 in use, with a warning', () => {
    const estate = smallEstate({ spokes: 1 });
    const hub = byName(estate, 'hub');
    (hub.properties as { addressSpace: { addressPrefixes: string[] } }).addressSpace.addressPrefixes.push(
      'fd00:1:0:ab00::/56',
    );
    const s1 = byName(estate, 'spoke1');
    const plan = planDualStack(estate, smallConfig(), [{ vnetId: s1.id, prefix: 'fd00:1:0:ab00::/56' }]);
    expect(plan.warnings.map((w) => [w.code, w.resourceId])).toContainEqual(['ReservationIgnored', s1.id]);
    expect(prefixOf(plan, 'spoke1')).not.toBe('fd00:1:0:ab00::/56');
  });

  it('reports a pool that is too small with the numbers, and blocks the VNets left without a block', () => {
    const estate = smallEstate({ spokes: 4 });
    const plan = planDualStack(estate, smallConfig({ ipv6Pool: 'fd00:1::/54' }));
    const blocker = plan.blockers.find((b) => b.code === 'PoolTooSmall');
    expect(blocker?.message).toBe('the IPv6 pool fd00:1::/54 has 4 free /56 blocks; 5 are needed');
    expect(plan.vnets.filter((v) => v.blocked)).toHaveLength(1);
    const blocked = plan.vnets.find((v) => v.blocked);
    // Only its peering to the hub is synced (the hub changed); nothing of its own changes.
    expect(plan.steps.filter((s) => s.vnetId === blocked?.vnetId).map((s) => s.kind)).toEqual([
      'peeringSync',
    ]);
  });

  it('gives colliding spokes distinct blocks (linear probe)', () => {
    const estate = smallEstate({ spokes: 3 });
    const plan = planDualStack(estate, smallConfig({ ipv6Pool: 'fd00:1::/54' }));
    const prefixes = plan.vnets.map((v) => v.ipv6Prefix);
    expect(new Set(prefixes).size).toBe(4);
    expect(plan.blockers).toEqual([]);
  });

  it('reports IPv6 overlaps between existing VNets', () => {
    const estate = smallEstate({ spokes: 2 });
    for (const name of ['spoke1', 'spoke2'])
      (
        byName(estate, name).properties as { addressSpace: { addressPrefixes: string[] } }
      ).addressSpace.addressPrefixes.push(name === 'spoke1' ? 'fd42::/48' : 'fd42:0:0:100::/56');
    const plan = planDualStack(estate, smallConfig());
    expect(plan.blockers.map((b) => b.code)).toEqual(['Ipv6Overlap']);
    expect(plan.blockers[0]?.message).toContain('fd42::/48');
  });

  it('derives the pool from the hub id when none is configured, and says so', () => {
    const plan = planDualStack(smallEstate({ spokes: 1 }), smallConfig({ ipv6Pool: undefined }));
    expect(plan.poolGenerated).toBe(true);
    expect(plan.ipv6Pool).toMatch(/^fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/48$/);
    expect(plan.warnings.map((w) => w.code)).toContain('PoolGenerated');
    expect(plan.vnets[0]?.ipv6Prefix).toBe(plan.ipv6Pool.replace('/48', '/56'));
  });
});

describe('subnet /64s', () => {
  it('numbers /64s after the IPv4 layout, leaves the firewall subnet IPv4 and warns about GatewaySubnet', () => {
    const plan = planDualStack(smallEstate({ spokes: 1 }), smallConfig());
    const hub = plan.vnets.find((v) => v.role === 'hub');
    expect(hub?.subnets).toEqual([
      { name: 'AzureFirewallSubnet', ipv4Prefixes: ['10.0.1.0/26'], existing: false },
      {
        name: 'GatewaySubnet',
        ipv4Prefixes: ['10.0.3.0/27'],
        ipv6Prefix: 'fd00:1:0:3::/64',
        existing: false,
      },
      { name: 'snet-nva', ipv4Prefixes: ['10.0.4.0/24'], ipv6Prefix: 'fd00:1:0:4::/64', existing: false },
    ]);
    expect(plan.warnings.map((w) => w.code)).toContain('GatewaySubnetIpv6');
  });

  it('switches the firewall and bastion subnets on when configured', () => {
    const estate = smallEstate({
      spokes: 0,
      hubSubnets: [
        { name: 'AzureBastionSubnet', prefix: '10.0.0.0/26' },
        { name: 'AzureFirewallSubnet', prefix: '10.0.1.0/26' },
      ],
    });
    const off = planDualStack(estate, smallConfig());
    expect(off.vnets[0]?.subnets.map((s) => s.ipv6Prefix)).toEqual([undefined, undefined]);
    const on = planDualStack(estate, smallConfig({ firewallSubnetIpv6: true, bastionSubnetIpv6: true }));
    expect(on.vnets[0]?.subnets.map((s) => s.ipv6Prefix)).toEqual(['fd00:1::/64', 'fd00:1:0:1::/64']);
  });

  it('keeps existing subnet /64s and gives a subnet whose /64 is taken one nobody prefers', () => {
    const hub = vnet(
      'rg-hub',
      'hub',
      ['10.0.0.0/16', 'fd00:1::/56'],
      [
        { name: 'a', prefix: ['10.0.0.0/24', 'fd00:1:0:1::/64'] },
        { name: 'b', prefix: '10.0.1.0/24' },
        { name: 'c', prefix: '10.0.2.0/24' },
      ],
    );
    const plan = planDualStack([hub], smallConfig());
    expect(plan.vnets[0]?.subnets.map((s) => [s.name, s.ipv6Prefix, s.existing])).toEqual([
      ['a', 'fd00:1:0:1::/64', true],
      ['b', 'fd00:1::/64', false],
      ['c', 'fd00:1:0:2::/64', false],
    ]);
    expect(plan.steps[0]?.desired.properties?.subnets).toEqual([
      expect.objectContaining({
        name: 'a',
        properties: { addressPrefixes: ['10.0.0.0/24', 'fd00:1:0:1::/64'] },
      }),
      expect.objectContaining({ name: 'b', properties: { addressPrefixes: ['10.0.1.0/24', 'fd00:1::/64'] } }),
      expect.objectContaining({
        name: 'c',
        properties: { addressPrefixes: ['10.0.2.0/24', 'fd00:1:0:2::/64'] },
      }),
    ]);
    void HUB_ID;
  });
});
