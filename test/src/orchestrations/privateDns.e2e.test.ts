import type { LocalStack } from '../../../cli/localStack';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import type { MigrationResult } from '../../../src/orchestrations/migrateEstate';
import { rollbackEstateRef, type RollbackEstateInput } from '../../../src/orchestrations/rollbackEstate';
import { ADDED_METADATA } from '../../../src/planner/privateDnsRecords';
import { planNow, runMigration, withStack } from '../../helpers/migrationKit';

const SUB = REFERENCE_SUBSCRIPTION_ID;
const ZONE = `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/corp.internal`;

/** The reference estate (its zone is linked to prod-1 and prod-2), plus an AAAA set someone keeps for `app`. */
function estate(): ArmResource[] {
  return [
    ...referenceTopology(),
    {
      id: `${ZONE}/AAAA/app`,
      name: 'app',
      type: 'Microsoft.Network/privateDnsZones/AAAA',
      etag: '6a3c1f7e-0000-4000-8000-000000000001',
      properties: {
        ttl: 300,
        fqdn: 'app.corp.internal.',
        isAutoRegistered: false,
        aaaaRecords: [{ ipv6Address: '2001:db8:ffff::1' }],
      },
    },
  ];
}

function aaaa(stack: LocalStack, name: string): ArmResource | undefined {
  return stack.emulator.dump().find((r) => r.id === `${ZONE}/AAAA/${name}`);
}

function nicIpv6(stack: LocalStack, rg: string, nic: string): string | undefined {
  const found = stack.emulator
    .dump()
    .find((r) => r.id.endsWith(`/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${nic}`));
  const configs = (found?.properties?.ipConfigurations ?? []) as {
    name: string;
    properties: Record<string, unknown>;
  }[];
  return configs.find((c) => c.name === 'ipconfig1-ipv6')?.properties.privateIPAddress as string | undefined;
}

describe('private DNS through the orchestrations', () => {
  it('adds AAAA records after the NICs, reports them, re-plans empty, and a rollback takes exactly them back', async () => {
    await withStack({ topology: estate(), emulator: { timeScale: 0 } }, async (stack) => {
      const before = stack.emulator.dump().filter((r) => r.id.startsWith(ZONE));
      const { result } = await runMigration(stack, 'run-dns');
      expect(result.outcome).toBe('succeeded');

      const web = nicIpv6(stack, 'rg-spoke-prod-1', 'nic-vm-prod-1-web');
      const app1 = nicIpv6(stack, 'rg-spoke-prod-1', 'nic-vm-prod-1-app');
      const app2 = nicIpv6(stack, 'rg-spoke-prod-2', 'nic-vm-prod-2-app');
      expect([web, app1, app2].every((a) => typeof a === 'string' && a.includes(':'))).toBe(true);
      expect(aaaa(stack, 'vm-prod-1-web')?.properties).toMatchObject({
        ttl: 10,
        aaaaRecords: [{ ipv6Address: web }],
        metadata: { [ADDED_METADATA]: web },
      });
      // Merged into someone's set: their record stays first and untouched.
      const app = aaaa(stack, 'app')?.properties;
      expect(app?.aaaaRecords).toEqual([
        { ipv6Address: '2001:db8:ffff::1' },
        ...[app1, app2].map((ipv6Address) => ({ ipv6Address })),
      ]);
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RowType === 'step' && r.ResourceKind === 'privateDnsRecordSet');
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.Outcome === 'applied' || r.Outcome === 'merged')).toBe(true);

      const again = await planNow(stack);
      expect(again.steps).toEqual([]);

      const input: RollbackEstateInput = {
        runId: 'rollback-dns',
        config: stack.baseConfig,
        dryRun: false,
        approval: { required: false, timeoutMinutes: 60 },
        rollout: { maxParallelWrites: 20 },
        retry: { maxAttempts: 2, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 1000 },
      };
      await stack.host.startNew(rollbackEstateRef.name, { instanceId: input.runId, input });
      const done = (await stack.host.waitForCompletion(input.runId, { timeoutInMilliseconds: 120_000 }))
        .output as MigrationResult;
      expect(done.outcome).toBe('succeeded');
      // The set Dualstack created is gone; the one it merged into is as it was (etag aside).
      const after = stack.emulator.dump().filter((r) => r.id.startsWith(ZONE));
      const strip = ({ etag: _etag, ...r }: ArmResource) => r;
      expect(after.map(strip)).toEqual(before.map(strip));
    });
  }, 180_000);
});
