import type { LocalStack } from '../../../cli/localStack';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { planEstate } from '../../../src/activities/planNetwork';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { ipv4Differences } from '../../../src/planner/ipv4Fingerprint';
import { ipv4Changes, runMigration, runRollback, withStack } from '../../helpers/migrationKit';

const NET = (rg: string) =>
  `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/${rg}/providers/Microsoft.Network`;
const LB = `${NET('rg-spoke-prod-1')}/loadBalancers/lbe-spoke-prod-1`;
const LB_IP = `${NET('rg-spoke-prod-1')}/publicIPAddresses/pip-lbe-spoke-prod-1`;
const WEB_NIC = `${NET('rg-spoke-prod-1')}/networkInterfaces/nic-vm-prod-1-web`;
const VM_NIC = `${NET('rg-spoke-nonprod-1')}/networkInterfaces/nic-vm-nonprod-1-web`;
const VM_IP = `${NET('rg-spoke-nonprod-1')}/publicIPAddresses/pip-vm-nonprod-1-web`;

interface Child {
  name: string;
  id: string;
  properties: Record<string, unknown>;
}

function get(stack: LocalStack, id: string): ArmResource | undefined {
  return stack.emulator.dump().find((r) => r.id.toLowerCase() === id.toLowerCase());
}

function children(resource: ArmResource | undefined, collection: string): Child[] {
  return (resource?.properties?.[collection] ?? []) as Child[];
}

function named(resource: ArmResource | undefined, collection: string, name: string): Child | undefined {
  return children(resource, collection).find((c) => c.name === name);
}

/** The reference estate with NIC public IPs mirrored, as `npm start` runs it. */
const mirror = (stack: LocalStack) => ({ ...stack.baseConfig, publicIpv6: 'mirror' });

describe('public IPv6 through the orchestrations', () => {
  it('twins the public load balancer and mirrors the VM public IP, reports them, re-plans empty, and a rollback takes them back', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const before = stack.emulator.dump();
      // The plan the run approves warns that both public IPv6 entries reply through the spokes' ::/0 NVA route.
      const planned = await planEstate(stack.services, { config: mirror(stack) });
      expect(
        planned.warnings.filter((w) => w.code === 'PublicIpv6ReturnViaNva').map((w) => w.resourceId),
      ).toEqual([VM_NIC, LB]);
      const { result } = await runMigration(stack, 'run-public', { config: mirror(stack) });
      expect(result.outcome).toBe('succeeded');
      expect(result.plan.warnings).toBe(planned.warnings.length);

      // The load balancer's IPv6 public IP: Standard static, beside the IPv4 one (zones, tier, location kept).
      const ipv4 = get(stack, LB_IP);
      const lbIpv6 = get(stack, `${LB_IP}-ipv6`);
      expect(lbIpv6).toMatchObject({
        location: ipv4?.location,
        sku: { name: 'Standard', tier: 'Regional' },
        zones: ipv4?.zones,
        properties: { publicIPAddressVersion: 'IPv6', publicIPAllocationMethod: 'Static' },
      });
      expect(String(lbIpv6?.properties?.ipAddress)).toContain(':');

      // Its IPv6 frontend, pool, rule (same protocol, ports, options, probe) and the web NIC in the pool.
      const lb = get(stack, LB);
      expect(
        named(lb, 'frontendIPConfigurations', 'frontend-public-ipv6')?.properties.publicIPAddress,
      ).toEqual({
        id: `${LB_IP}-ipv6`,
      });
      expect(named(lb, 'backendAddressPools', 'pool-web-ipv6')).toBeDefined();
      const {
        frontendIPConfiguration: _f4,
        backendAddressPool: _b4,
        ...rule4
      } = named(lb, 'loadBalancingRules', 'rule-https')?.properties ?? {};
      const {
        frontendIPConfiguration: f6,
        backendAddressPool: b6,
        ...rule6
      } = named(lb, 'loadBalancingRules', 'rule-https-ipv6')?.properties ?? {};
      expect(rule6).toEqual(rule4);
      expect(rule6.probe).toEqual({ id: `${LB}/probes/probe-https` });
      expect([f6, b6]).toEqual([
        { id: `${LB}/frontendIPConfigurations/frontend-public-ipv6` },
        { id: `${LB}/backendAddressPools/pool-web-ipv6` },
      ]);
      const webIpv6 = named(get(stack, WEB_NIC), 'ipConfigurations', 'ipconfig1-ipv6')?.properties;
      expect(webIpv6?.loadBalancerBackendAddressPools).toContainEqual({
        id: `${LB}/backendAddressPools/pool-web-ipv6`,
      });

      // The VM's public IP mirrored onto its NIC's IPv6 configuration; the IPv4 one stays where it was.
      const vmIpv6 = get(stack, `${VM_IP}-ipv6`);
      expect(vmIpv6?.properties).toMatchObject({
        publicIPAddressVersion: 'IPv6',
        publicIPAllocationMethod: 'Static',
      });
      const vmNic = get(stack, VM_NIC);
      expect(named(vmNic, 'ipConfigurations', 'ipconfig1-ipv6')?.properties.publicIPAddress).toEqual({
        id: `${VM_IP}-ipv6`,
      });
      expect(named(vmNic, 'ipConfigurations', 'ipconfig1')?.properties.publicIPAddress).toEqual({
        id: VM_IP,
      });

      // IPv4 as it was everywhere, one row per public IP step in Azure Monitor, and nothing left to do.
      expect(ipv4Changes(stack, before)).toEqual([]);
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RowType === 'step' && r.ResourceKind === 'publicIPAddress');
      expect(rows.map((r) => [r.ResourceId, r.Action, r.Outcome]).sort()).toEqual(
        [`${LB_IP}-ipv6`, `${VM_IP}-ipv6`].map((id) => [id, 'addIpv6', 'applied']).sort(),
      );
      expect((await planEstate(stack.services, { config: mirror(stack) })).steps).toEqual([]);

      const done = await runRollback(stack, 'rollback-public', { config: mirror(stack) });
      expect(done.outcome).toBe('succeeded');

      // Back to the IPv4 form: the IPv6 public IPs are gone, and every resource there was is as it was.
      expect([get(stack, `${LB_IP}-ipv6`), get(stack, `${VM_IP}-ipv6`)]).toEqual([undefined, undefined]);
      const after = new Map(stack.emulator.dump().map((r) => [r.id.toLowerCase(), r]));
      expect(after.size).toBe(before.length);
      for (const was of before) {
        const back = after.get(was.id.toLowerCase())!;
        expect([was.id, ipv4Differences(was, back)]).toEqual([was.id, []]);
        expect([was.id, JSON.stringify(back.properties)]).not.toEqual([
          was.id,
          expect.stringMatching(/"IPv6"|-ipv6"|2001:db8|fd[0-9a-f]{2}:/i),
        ]);
      }
      const rollbackRows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RunId === 'rollback-public' && r.ResourceKind === 'publicIPAddress');
      expect(rollbackRows.map((r) => [r.Action, r.Outcome])).toEqual([
        ['removeIpv6', 'applied'],
        ['removeIpv6', 'applied'],
      ]);
    });
  }, 180_000);
});
