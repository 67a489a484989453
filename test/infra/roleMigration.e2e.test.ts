import { referenceTopology } from '../../estates/referenceTopology';
import { DEFAULT_PRINCIPAL_ID } from '../../emulator/emulatorCredential';
import { INGESTION_DATA_ACTION } from '../../emulator/monitor/ingestUpload';
import { DUALSTACK_OPERATOR_ACTIONS, operatorRbac } from '../../infra/role/operatorRbac';
import { referenceConfig } from '../../cli/referenceConfig';
import type { LocalStack } from '../../cli/localStack';
import { runMigration, withStack } from '../helpers/migrationKit';

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
    await withStack(
      { topology: referenceTopology(), emulator: { timeScale: 0, rbac: grants() } },
      async (stack) => {
        const { result } = await runMigration(stack, 'run-role', { config: fullConfig(stack) });
        expect(result.outcome).toBe('succeeded');
        expect(result.diagnosticsError).toBeUndefined();
        expect(new Set(result.vnets.map((v) => v.state))).toEqual(new Set(['succeeded']));
        expect(result.lostReportRows).toBe(0);
      },
    );
  });

  it.each(DUALSTACK_OPERATOR_ACTIONS.map((a) => [a]))(
    'fails with an authorization error without %s',
    async (action) => {
      await withStack(
        { topology: referenceTopology(), emulator: { timeScale: 0, rbac: grants(action) } },
        async (stack) => {
          const { result } = await runMigration(stack, 'run-role', {
            config: fullConfig(stack),
            rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 1 },
          });
          const codes = [
            result.errorCode,
            result.diagnosticsError,
            ...result.vnets.map((v) => v.failedStep?.errorCode),
          ];
          expect(codes.join(' ')).toMatch(AUTH_CODES);
        },
      );
    },
  );
});
