import { referenceTopology } from '../../estates/referenceTopology';
import { DEFAULT_PRINCIPAL_ID } from '../../emulator/emulatorCredential';
import { INGESTION_DATA_ACTION } from '../../emulator/monitor/ingestUpload';
import { DUALSTACK_OPERATOR_ACTIONS, operatorRbac } from '../../infra/role/operatorRbac';
import { referenceConfig } from '../../cli/referenceConfig';
import type { LocalStack } from '../../cli/localStack';
import type { MigrationResult } from '../../src/orchestrations/migrateEstate';
import { rollbackEstateRef } from '../../src/orchestrations/rollbackEstate';
import { avnmRulesEstate } from '../helpers/avnmRulesEstate';
import { runMigration, withStack } from '../helpers/migrationKit';

/** The estate that needs an action: AVNM's are exercised only where AVNM rules apply to migrated VNets. */
const estateFor = (action?: string) =>
  action === undefined || action.includes('/networkManagers/') ? avnmRulesEstate() : referenceTopology();

/** The reference estate with on-premises and ExpressRoute configured, so every kind of step runs. */
const fullConfig = (stack: LocalStack) => ({ ...stack.baseConfig, ...referenceConfig() });

/** The Dualstack Operator role plus Monitoring Metrics Publisher's data action, which infra grants on the DCR. */
function grants(withoutAction?: string): Record<string, string[]> {
  const rbac = operatorRbac(DEFAULT_PRINCIPAL_ID, withoutAction);
  return { [DEFAULT_PRINCIPAL_ID]: [...(rbac[DEFAULT_PRINCIPAL_ID] ?? []), INGESTION_DATA_ACTION] };
}

const AUTH_CODES = /AuthorizationFailed|LinkedAuthorizationFailed/;

describe('a full migration under exactly the Dualstack Operator role', () => {
  it('succeeds with every action of the role', async () => {
    await withStack({ topology: estateFor(), emulator: { timeScale: 0, rbac: grants() } }, async (stack) => {
      const { result } = await runMigration(stack, 'run-role', { config: fullConfig(stack) });
      expect(result.outcome).toBe('succeeded');
      expect(result.diagnosticsError).toBeUndefined();
      expect(new Set(result.vnets.map((v) => v.state))).toEqual(new Set(['succeeded']));
      expect(result.lostReportRows).toBe(0);
    });
  });

  // A migration only adds: the actions that remove are needed by its rollback, and proven there.
  const removesOnly = (action: string): boolean => /\/delete$/i.test(action);
  // The reference estate takes its blocks from the Table ledger, not an IPAM pool: role.test.ts proves those.
  const withoutPool = DUALSTACK_OPERATOR_ACTIONS.filter((a) => !/\/networkManagers\/ipamPools\//i.test(a));

  it.each(withoutPool.filter(removesOnly).map((a) => [a]))(
    'migrates, then fails the rollback with an authorization error without %s',
    async (action) => {
      await withStack(
        { topology: estateFor(action), emulator: { timeScale: 0, rbac: grants(action) } },
        async (stack) => {
          const { result } = await runMigration(stack, 'run-role', { config: fullConfig(stack) });
          expect(result.outcome).toBe('succeeded');
          await stack.host.startNew(rollbackEstateRef.name, {
            instanceId: 'rollback-role',
            input: {
              runId: 'rollback-role',
              config: fullConfig(stack),
              dryRun: false,
              approval: { required: false, timeoutMinutes: 60 },
              rollout: { maxParallelWrites: 20 },
              retry: { maxAttempts: 1, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 1000 },
            },
          });
          const rollback = (
            await stack.host.waitForCompletion('rollback-role', { timeoutInMilliseconds: 120_000 })
          ).output as MigrationResult;
          const codes = [
            rollback.errorCode,
            ...rollback.vnets.map((v) => v.failedStep?.errorCode),
            ...(rollback.sharedOutcomes ?? []).map((o) => o.errorCode),
          ];
          expect(codes.join(' ')).toMatch(AUTH_CODES);
        },
      );
    },
  );

  it.each(withoutPool.filter((a) => !removesOnly(a)).map((a) => [a]))(
    'fails with an authorization error without %s',
    async (action) => {
      await withStack(
        { topology: estateFor(action), emulator: { timeScale: 0, rbac: grants(action) } },
        async (stack) => {
          const { result } = await runMigration(stack, 'run-role', {
            config: fullConfig(stack),
            rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 1 },
          });
          const codes = [
            result.errorCode,
            result.diagnosticsError,
            ...result.vnets.map((v) => v.failedStep?.errorCode),
            // steps of no VNet (AVNM rule twins and commits) report here
            ...result.sharedOutcomes.map((o) => o.errorCode),
          ];
          expect(codes.join(' ')).toMatch(AUTH_CODES);
        },
      );
    },
  );
});
