import type { ArmResource } from '../../../../src/arm/ArmResource';
import type { Plan } from '../../../../src/planner/Plan';
import { planDualStack } from '../../../../src/planner/planDualStack';
import { planRollback } from '../../../../src/planner/rollback/planRollback';
import { applyPlanToSnapshot } from '../fixtures/applyPlanToSnapshot';
import { childProps, codes, mustStep, stepFor } from '../fixtures/planHelpers';
import { byName, id, smallConfig } from '../fixtures/smallTopology';
import {
  estateWithPublicIps,
  httpsRule,
  LB_ID,
  publicIp,
  publicLoadBalancer,
  SPOKE1,
} from '../fixtures/publicEstate';

function plan(estate: ArmResource[], publicIpv6: 'mirror' | 'none' = 'none'): Plan {
  return planDualStack(estate, smallConfig({ publicIpv6 }));
}

describe('public IPv6', () => {
  it("creates a Standard static IPv6 twin of the public LB's public IP beside it, with its location, zones, tier and tags", () => {
    const p = plan(estateWithPublicIps());
    const step = mustStep(p, 'publicIPAddress', `${id('rg-spoke1', 'publicIPAddresses', 'pip-web')}-ipv6`);
    const body = {
      id: `${id('rg-spoke1', 'publicIPAddresses', 'pip-web')}-ipv6`,
      name: 'pip-web-ipv6',
      type: 'Microsoft.Network/publicIPAddresses',
      location: 'westeurope',
      tags: { costCenter: 'web' },
      sku: { name: 'Standard', tier: 'Regional' },
      zones: ['1', '2', '3'],
      properties: {
        publicIPAddressVersion: 'IPv6',
        publicIPAllocationMethod: 'Static',
        idleTimeoutInMinutes: 4,
      },
    };
    expect(step.additions).toEqual([{ op: 'createResource', value: body }]);
    expect(step.desired).toEqual(body);
    expect(step.plannedEtag).toBeUndefined();
    expect(step.vnetId).toBe(SPOKE1);
    expect(step.dependsOn).toEqual([mustStep(p, 'virtualNetwork', SPOKE1).id]);
    // no VM public IP twin unless configured
    expect(
      stepFor(p, 'publicIPAddress', `${id('rg-spoke1', 'publicIPAddresses', 'pip-vm-a')}-ipv6`),
    ).toBeUndefined();
    expect(codes(p.manualActions)).not.toContain('PublicFrontendNotChanged');
  });

  it('mirrors the public frontend, pool, rule (probe and floating IP kept) and outbound rule on the IPv6 public IP', () => {
    const p = plan(estateWithPublicIps());
    const lb = mustStep(p, 'loadBalancer', LB_ID);
    const pipStep = mustStep(p, 'publicIPAddress', `${id('rg-spoke1', 'publicIPAddresses', 'pip-web')}-ipv6`);
    expect(lb.dependsOn).toContain(pipStep.id);
    expect(p.steps.indexOf(pipStep)).toBeLessThan(p.steps.indexOf(lb));
    expect(childProps(lb, 'frontendIPConfigurations', 'fe-pub-ipv6')).toEqual({
      publicIPAddress: { id: pipStep.resourceId },
    });
    expect(childProps(lb, 'backendAddressPools', 'web-ipv6')).toEqual({});
    // the twin shares the probe and keeps floating IP (public frontends support it in dual stack)
    expect(childProps(lb, 'loadBalancingRules', 'https-ipv6')).toEqual(httpsRule('-ipv6'));
    expect(childProps(lb, 'outboundRules', 'snat-ipv6')).toEqual({
      frontendIPConfigurations: [{ id: `${LB_ID}/frontendIPConfigurations/fe-pub-ipv6` }],
      backendAddressPool: { id: `${LB_ID}/backendAddressPools/web-ipv6` },
      protocol: 'All',
      allocatedOutboundPorts: 1024,
    });
    expect(codes(p.warnings)).not.toContain('FloatingIpNotCarried');
    const nic = mustStep(p, 'networkInterface', byName(estateWithPublicIps(), 'nic-spoke1-b'));
    expect(nic.dependsOn).toContain(lb.id);
    expect(
      childProps(nic, 'ipConfigurations', 'ipconfig1-ipv6').loadBalancerBackendAddressPools,
    ).toContainEqual({
      id: `${LB_ID}/backendAddressPools/web-ipv6`,
    });
  });

  it('gives a NIC with a public IP an IPv6 public IP on its IPv6 configuration with publicIpv6 "mirror"', () => {
    const estate = estateWithPublicIps();
    const p = plan(estate, 'mirror');
    const pipId = `${id('rg-spoke1', 'publicIPAddresses', 'pip-vm-a')}-ipv6`;
    const pipStep = mustStep(p, 'publicIPAddress', pipId);
    const nicA = mustStep(p, 'networkInterface', byName(estate, 'nic-spoke1-a'));
    expect(childProps(nicA, 'ipConfigurations', 'ipconfig1-ipv6').publicIPAddress).toEqual({ id: pipId });
    expect(nicA.dependsOn).toContain(pipStep.id);
    expect(nicA.summary).toContain('public IP pip-vm-a-ipv6');
    const nicB = mustStep(p, 'networkInterface', byName(estate, 'nic-spoke1-b'));
    expect(childProps(nicB, 'ipConfigurations', 'ipconfig1-ipv6').publicIPAddress).toBeUndefined();
  });

  it('plans nothing more once applied: the twins exist and are recognised', () => {
    const estate = estateWithPublicIps();
    const first = plan(estate, 'mirror');
    const after = applyPlanToSnapshot(estate, first);
    const again = plan(after, 'mirror');
    expect(again.steps).toEqual([]);
    expect(again.blockers).toEqual([]);
  });

  it('blocks a Basic public IP and a Basic public load balancer, naming the documented upgrade', () => {
    const estate = estateWithPublicIps('Basic');
    const vmPip = byName(estate, 'pip-vm-a');
    vmPip.sku = { name: 'Basic' };
    const p = plan(estate, 'mirror');
    expect(codes(p.blockers)).toEqual(['BasicLoadBalancer', 'BasicPublicIp']);
    expect(p.blockers[0]?.fix).toContain('Start-AzBasicLoadBalancerUpgrade');
    expect(p.blockers[1]?.resourceId).toBe(vmPip.id);
    expect(p.blockers[1]?.message).toContain('public IP pip-vm-a (used by NIC nic-spoke1-a) is Basic SKU');
    expect(p.blockers[1]?.fix).toContain('Start-VMPublicIPUpgrade');
    expect(p.steps.filter((s) => s.kind === 'publicIPAddress')).toEqual([]);
  });

  it("blocks when the twin's name is taken by something that is not a Standard IPv6 public IP", () => {
    const estate = estateWithPublicIps();
    estate.push(publicIp('pip-web-ipv6'));
    const p = plan(estate);
    expect(codes(p.blockers)).toEqual(['PublicIpv6NameTaken']);
    expect(p.blockers[0]?.message).toContain("can't be pip-web's IPv6 twin");
  });

  it('rolls back to the IPv4 estate: frontends, rules and ip configurations first, then the public IPs Dualstack created', () => {
    const estate = estateWithPublicIps();
    const config = smallConfig({ publicIpv6: 'mirror' });
    const forward = planDualStack(estate, config);
    const migrated = applyPlanToSnapshot(estate, forward);
    const back = planRollback(migrated, config, forward.reservations, { vnetIds: [SPOKE1] });
    const deletes = back.steps.filter((s) => s.kind === 'publicIPAddress');
    expect(deletes.map((s) => s.resourceId).sort()).toEqual(
      [
        `${id('rg-spoke1', 'publicIPAddresses', 'pip-vm-a')}-ipv6`,
        `${id('rg-spoke1', 'publicIPAddresses', 'pip-web')}-ipv6`,
      ].sort(),
    );
    for (const d of deletes) expect(d.removals).toEqual([{ op: 'deleteResource' }]);
    const lb = mustStep(back, 'loadBalancer', LB_ID);
    expect(lb.removals).toEqual(
      expect.arrayContaining([
        { op: 'removeChild', path: ['properties', 'loadBalancingRules'], name: 'https-ipv6' },
        { op: 'removeChild', path: ['properties', 'outboundRules'], name: 'snat-ipv6' },
        { op: 'removeChild', path: ['properties', 'frontendIPConfigurations'], name: 'fe-pub-ipv6' },
        { op: 'removeChild', path: ['properties', 'backendAddressPools'], name: 'web-ipv6' },
      ]),
    );
    expect(lb.desired).toEqual(publicLoadBalancer());
    const webDelete = deletes.find((d) => d.resourceId.endsWith('pip-web-ipv6'));
    expect(webDelete?.dependsOn).toEqual([lb.id]);
    const vmDelete = deletes.find((d) => d.resourceId.endsWith('pip-vm-a-ipv6'));
    expect(vmDelete?.dependsOn).toEqual([
      mustStep(back, 'networkInterface', byName(estate, 'nic-spoke1-a')).id,
    ]);
    expect(back.blockers).toEqual([]);
  });

  it('leaves a public IPv6 frontend someone else added alone', () => {
    const estate = estateWithPublicIps();
    const lb = byName(estate, 'lbe-web').properties as { frontendIPConfigurations: unknown[] };
    estate.push(
      publicIp('pip-theirs-v6', {
        properties: { publicIPAddressVersion: 'IPv6', publicIPAllocationMethod: 'Static' },
      }),
    );
    lb.frontendIPConfigurations.push({
      id: `${LB_ID}/frontendIPConfigurations/theirs`,
      name: 'theirs',
      properties: { publicIPAddress: { id: id('rg-spoke1', 'publicIPAddresses', 'pip-theirs-v6') } },
    });
    const step = mustStep(plan(estate), 'loadBalancer', LB_ID);
    expect(step.additions.map((a) => (a.op === 'addChild' ? a.value.name : a.op))).toEqual([
      'fe-pub-ipv6',
      'web-ipv6',
      'https-ipv6',
      'snat-ipv6',
    ]);
  });
});
