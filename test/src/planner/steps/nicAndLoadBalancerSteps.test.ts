import { planDualStack } from '../../../../src/planner/planDualStack';
import {
  byName,
  loadBalancer,
  nic,
  poolId,
  smallConfig,
  smallEstate,
  subnetId,
} from '../fixtures/smallTopology';
import { child, childProps, codes, mustStep, stepFor } from '../fixtures/planHelpers';

describe('NIC steps', () => {
  it('adds one dynamic IPv6 ip configuration in the primary subnet, joining the IPv6 twin pools', () => {
    const estate = smallEstate({ spokes: 1 });
    const lb = byName(estate, 'lb-spoke1');
    const n = byName(estate, 'nic-spoke1-b');
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'networkInterface', n);
    expect(child(step, 'ipConfigurations', 'ipconfig1')).toEqual(
      (n.properties as { ipConfigurations: unknown[] }).ipConfigurations[0],
    );
    expect(childProps(step, 'ipConfigurations', 'ipconfig1-ipv6')).toEqual({
      primary: false,
      privateIPAddressVersion: 'IPv6',
      privateIPAllocationMethod: 'Dynamic',
      subnet: { id: subnetId(byName(estate, 'spoke1').id, 'snet-b') },
      loadBalancerBackendAddressPools: [{ id: poolId(lb, 'web-ipv6') }],
    });
    expect(step.dependsOn).toEqual(
      [
        mustStep(plan, 'loadBalancer', lb).id,
        mustStep(plan, 'virtualNetwork', byName(estate, 'spoke1')).id,
      ].sort(),
    );
    expect(plan.steps.indexOf(step)).toBeGreaterThan(plan.steps.indexOf(mustStep(plan, 'loadBalancer', lb)));
  });

  it('skips NICs that already have IPv6 and NICs carrying the exclusion tag', () => {
    const estate = smallEstate({ spokes: 1 });
    const a = byName(estate, 'nic-spoke1-a');
    (a.properties as { ipConfigurations: unknown[] }).ipConfigurations.push({
      name: 'v6',
      properties: {
        privateIPAddressVersion: 'IPv6',
        subnet: { id: subnetId(byName(estate, 'spoke1').id, 'snet-a') },
      },
    });
    const b = byName(estate, 'nic-spoke1-b');
    b.tags = { 'dualstack:skip': '' };
    const plan = planDualStack(estate, smallConfig());
    expect(stepFor(plan, 'networkInterface', a)).toBeUndefined();
    expect(stepFor(plan, 'networkInterface', b)).toBeUndefined();
  });
});

describe('load balancer steps', () => {
  it('twins frontend, pool and rule, keeping protocol, ports, probe and idle timeout', () => {
    const estate = smallEstate({ spokes: 1 });
    const lb = byName(estate, 'lb-spoke1');
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'loadBalancer', lb);
    const subnet64 = plan.vnets[1]?.subnets[0]?.ipv6Prefix;
    expect(subnet64).toBeDefined();
    expect(child(step, 'frontendIPConfigurations', 'fe-ipv6')).toEqual({
      name: 'fe-ipv6',
      id: `${lb.id}/frontendIPConfigurations/fe-ipv6`,
      properties: {
        privateIPAddressVersion: 'IPv6',
        privateIPAllocationMethod: 'Dynamic',
        subnet: { id: subnetId(byName(estate, 'spoke1').id, 'snet-a') },
      },
    });
    expect(child(step, 'backendAddressPools', 'web-ipv6')).toEqual({
      name: 'web-ipv6',
      id: poolId(lb, 'web-ipv6'),
      properties: {},
    });
    expect(childProps(step, 'loadBalancingRules', 'https-ipv6')).toEqual({
      frontendIPConfiguration: { id: `${lb.id}/frontendIPConfigurations/fe-ipv6` },
      backendAddressPool: { id: poolId(lb, 'web-ipv6') },
      probe: { id: `${lb.id}/probes/probe` },
      protocol: 'Tcp',
      frontendPort: 443,
      backendPort: 443,
      idleTimeoutInMinutes: 4,
      enableFloatingIP: false,
    });
    expect(step.vnetId).toBe(byName(estate, 'spoke1').id);
  });

  it('gives the hub NVA load balancer a static IPv6 frontend at ::4 of its /64 and uses it as next hop', () => {
    const estate = smallEstate({ spokes: 1 });
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'loadBalancer', byName(estate, 'lb-nva'));
    expect(childProps(step, 'frontendIPConfigurations', 'fe-ipv6')).toMatchObject({
      privateIPAllocationMethod: 'Static',
      privateIPAddress: 'fd00:1:0:4::4',
    });
    expect(childProps(step, 'loadBalancingRules', 'ha-ipv6')).toMatchObject({
      protocol: 'All',
      frontendPort: 0,
      backendPort: 0,
    });
    const rt = mustStep(plan, 'routeTable', byName(estate, 'rt-spoke1'));
    expect(childProps(rt, 'routes', 'default-ipv6')).toEqual({
      addressPrefix: '::/0',
      nextHopType: 'VirtualAppliance',
      nextHopIpAddress: 'fd00:1:0:4::4',
    });
    expect(rt.dependsOn).toContain(step.id);
  });

  it('refuses a Basic load balancer as a blocker and keeps its members out of IPv6 pools', () => {
    const estate = smallEstate({ spokes: 1 });
    const lb = byName(estate, 'lb-spoke1');
    lb.sku = { name: 'Basic' };
    const plan = planDualStack(estate, smallConfig());
    expect(plan.blockers.map((b) => [b.code, b.resourceId])).toEqual([['BasicLoadBalancer', lb.id]]);
    expect(stepFor(plan, 'loadBalancer', lb)).toBeUndefined();
    const n = mustStep(plan, 'networkInterface', byName(estate, 'nic-spoke1-a'));
    expect(
      childProps(n, 'ipConfigurations', 'ipconfig1-ipv6').loadBalancerBackendAddressPools,
    ).toBeUndefined();
  });

  it('turns floating IP off on the twin with a warning, and warns about backend subnets without an NSG', () => {
    const estate = smallEstate({ spokes: 1 });
    const spoke = byName(estate, 'spoke1');
    const subnets = (spoke.properties as { subnets: { properties: Record<string, unknown> }[] }).subnets;
    delete subnets[1]?.properties.networkSecurityGroup;
    const i = estate.indexOf(byName(estate, 'lb-spoke1'));
    estate[i] = loadBalancer(
      'rg-spoke1',
      'lb-spoke1',
      'Standard',
      [{ name: 'fe', subnetId: subnetId(spoke.id, 'snet-a'), ip: '10.1.0.10' }],
      ['web'],
      [
        {
          name: 'sql',
          frontend: 'fe',
          pool: 'web',
          protocol: 'Tcp',
          frontendPort: 1433,
          backendPort: 1433,
          floatingIp: true,
        },
      ],
    );
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'loadBalancer', estate[i] ?? spoke);
    expect(childProps(step, 'loadBalancingRules', 'sql-ipv6').enableFloatingIP).toBe(false);
    expect(codes(plan.warnings)).toEqual(
      expect.arrayContaining(['FloatingIpNotCarried', 'BackendSubnetWithoutNsg']),
    );
    expect(plan.warnings.find((w) => w.code === 'BackendSubnetWithoutNsg')?.resourceId).toBe(
      subnetId(spoke.id, 'snet-b'),
    );
  });

  it('serves several VNets once: a shared load balancer depends on each VNet it serves', () => {
    const estate = smallEstate({ spokes: 2 });
    const lb = byName(estate, 'lb-spoke1');
    estate.push(
      nic('rg-spoke2', 'nic-extra', subnetId(byName(estate, 'spoke2').id, 'snet-a'), '10.2.0.20', [
        poolId(lb, 'web'),
      ]),
    );
    const plan = planDualStack(estate, smallConfig());
    const step = mustStep(plan, 'loadBalancer', lb);
    expect(step.vnetId).toBeUndefined();
    expect(step.vnetIds).toEqual([byName(estate, 'spoke1').id, byName(estate, 'spoke2').id]);
    expect(step.dependsOn).toEqual(
      [
        mustStep(plan, 'virtualNetwork', byName(estate, 'spoke1')).id,
        mustStep(plan, 'virtualNetwork', byName(estate, 'spoke2')).id,
      ].sort(),
    );
  });
});
