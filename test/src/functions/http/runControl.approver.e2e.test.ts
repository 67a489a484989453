import type { LocalStack } from '../../../../cli/localStack';
import type { ApiDeps } from '../../../../src/functions/http/ApiDeps';
import { getMigration } from '../../../../src/functions/http/getMigration';
import { approveMigration, rejectMigration } from '../../../../src/functions/http/runControl';
import { rollbackMigration } from '../../../../src/functions/http/rollbackMigration';
import { startMigration } from '../../../../src/functions/http/startMigration';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../../src/monitor/dualStackChangesSchema';
import type { MigrationResult } from '../../../../src/orchestrations/migrateEstate';
import { apiRequest, expectShape, startApiStack } from './httpKit';

const ALICE_OID = '7f3c9a52-1b2d-4e5f-8a9b-0c1d2e3f4a5b';
const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

/** X-MS-CLIENT-PRINCIPAL as App Service Authentication (Entra provider) sets it. */
function easyAuthPrincipal(): string {
  const principal = {
    auth_typ: 'aad',
    name_typ: EMAIL_CLAIM,
    role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
    claims: [
      { typ: 'name', val: 'Alice Admin' },
      { typ: EMAIL_CLAIM, val: 'alice@contoso.com' },
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: ALICE_OID },
    ],
  };
  return Buffer.from(JSON.stringify(principal)).toString('base64');
}

describe('approve and reject record who decided, in the run status and the summary row', () => {
  let stack: LocalStack;
  let deps: ApiDeps;
  const status = async (id: string): Promise<Record<string, any>> =>
    expectShape(
      await getMigration(apiRequest('GET', `/migrations/${id}`, { params: { id } }), deps),
      200,
      'RunStatus',
    );
  async function awaitingApproval(id: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if ((await status(id)).phase === 'awaitingApproval') return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${id} never reached awaitingApproval`);
  }
  /** The latest summary row of the run (two rollbacks started within a second share a run id). */
  const summaryOf = (runId: string): Record<string, unknown> | undefined =>
    stack.monitor
      .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
      .filter((r) => r.RowType === 'summary' && r.RunId === runId)
      .at(-1);

  beforeAll(async () => {
    ({ stack, deps } = await startApiStack());
  });
  afterAll(() => stack.stop());

  it('a migration approved by an App Service Authentication principal, then a rollback rejected and one approved', async () => {
    const id = expectShape(await startMigration(apiRequest('POST', '/migrations'), deps), 202, 'RunLinks')
      .id as string;
    await awaitingApproval(id);
    const approved = expectShape(
      await approveMigration(
        apiRequest('POST', `/migrations/${id}/approve`, {
          body: { comment: 'CHG-1234' },
          headers: {
            'X-MS-CLIENT-PRINCIPAL': easyAuthPrincipal(),
            'X-MS-CLIENT-PRINCIPAL-NAME': 'alice@contoso.com',
            'X-MS-CLIENT-PRINCIPAL-ID': ALICE_OID,
            'X-MS-CLIENT-PRINCIPAL-IDP': 'aad',
          },
          params: { id },
        }),
        deps,
      ),
      202,
      'Accepted',
    );
    const alice = {
      name: 'alice@contoso.com',
      id: ALICE_OID,
      identityProvider: 'aad',
      source: 'appServiceAuth',
    };
    expect(approved.by).toEqual(alice);
    const done = await stack.host.waitForCompletion(id, { timeoutInMilliseconds: 60_000 });
    const runId = (done.output as MigrationResult).runId;
    expect((done.output as MigrationResult).outcome).toBe('succeeded');
    expect((await status(id)).approval).toEqual({
      decision: 'approved',
      by: alice,
      comment: 'CHG-1234',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(summaryOf(runId)).toMatchObject({
      Outcome: 'succeeded',
      Decision: 'approved',
      DecidedBy: 'alice@contoso.com',
      DecidedById: ALICE_OID,
    });

    // A rollback needs approval too: an unreadable principal header is refused by name and decides nothing;
    // a call with the function key alone is recorded as such.
    const rollbackId = expectShape(
      await rollbackMigration(apiRequest('POST', `/migrations/${id}/rollback`, { params: { id } }), deps),
      202,
      'RunLinks',
    ).id as string;
    await awaitingApproval(rollbackId);
    const forged = await rejectMigration(
      apiRequest('POST', `/migrations/${rollbackId}/reject`, {
        headers: { 'x-ms-client-principal': 'e30K{not base64 json' },
        params: { id: rollbackId },
      }),
      deps,
    );
    expect(expectShape(forged, 400, 'Error').error).toMatchObject({
      code: 'InvalidClientPrincipal',
      target: 'x-ms-client-principal',
    });
    expect((await status(rollbackId)).phase).toBe('awaitingApproval');
    stack.emulator.clearWriteLog();
    expectShape(
      await rejectMigration(
        apiRequest('POST', `/migrations/${rollbackId}/reject`, { params: { id: rollbackId } }),
        deps,
      ),
      202,
      'Accepted',
    );
    const rejected = await stack.host.waitForCompletion(rollbackId, { timeoutInMilliseconds: 60_000 });
    expect((rejected.output as MigrationResult).outcome).toBe('rejected');
    expect(stack.emulator.writeLog()).toEqual([]);
    expect((await status(rollbackId)).approval).toMatchObject({
      decision: 'rejected',
      by: { name: 'function key', source: 'functionKey' },
    });
    expect(summaryOf((rejected.output as MigrationResult).runId)).toMatchObject({
      RunKind: 'rollback',
      Outcome: 'rejected',
      Decision: 'rejected',
      DecidedBy: 'function key',
    });
    expect(summaryOf((rejected.output as MigrationResult).runId)).not.toHaveProperty('DecidedById');

    // A pipeline's service principal, named by the -NAME/-ID headers alone, approves the second rollback.
    expectShape(
      await rollbackMigration(apiRequest('POST', `/migrations/${id}/rollback`, { params: { id } }), deps),
      202,
      'RunLinks',
    );
    await awaitingApproval(rollbackId);
    await approveMigration(
      apiRequest('POST', `/migrations/${rollbackId}/approve`, {
        headers: {
          'x-ms-client-principal-name': 'spn-network-pipeline',
          'x-ms-client-principal-id': 'c0ffee00-0000-4000-8000-000000000001',
        },
        params: { id: rollbackId },
      }),
      deps,
    );
    const rolledBack = await stack.host.waitForCompletion(rollbackId, { timeoutInMilliseconds: 60_000 });
    expect((rolledBack.output as MigrationResult).outcome).toBe('succeeded');
    expect((await status(rollbackId)).approval.by).toEqual({
      name: 'spn-network-pipeline',
      id: 'c0ffee00-0000-4000-8000-000000000001',
      source: 'appServiceAuth',
    });
    expect(summaryOf((rolledBack.output as MigrationResult).runId)).toMatchObject({
      Decision: 'approved',
      DecidedBy: 'spn-network-pipeline',
    });
  }, 120_000);
});
