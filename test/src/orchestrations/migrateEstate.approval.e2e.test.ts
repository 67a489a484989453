import { referenceTopology } from '../../../estates/referenceTopology';
import { ManualClock } from '../../../devhost/ManualClock';
import { APPROVE_EVENT, REJECT_EVENT, migrateEstateRef } from '../../../src/orchestrations/migrateEstate';
import type { MigrationResult } from '../../../src/orchestrations/migrateEstate';
import type { LocalStack } from '../../../cli/localStack';
import { migrationInput, untilAwaitingApproval, withStack } from '../../helpers/migrationKit';

const approval = { required: true, timeoutMinutes: 30 };

async function startAwaitingApproval(stack: LocalStack, runId: string): Promise<void> {
  await stack.host.startNew(migrateEstateRef.name, {
    instanceId: runId,
    input: migrationInput(stack, runId, { approval }),
  });
  await untilAwaitingApproval(stack, runId);
}

async function outcome(stack: LocalStack, runId: string): Promise<MigrationResult> {
  const status = await stack.host.waitForCompletion(runId, { timeoutInMilliseconds: 60_000 });
  return status.output as MigrationResult;
}

describe('migrateEstate approval gate', () => {
  it('writes nothing before approval, then migrates once approved', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      await startAwaitingApproval(stack, 'run-approve');
      expect(stack.emulator.writeLog()).toEqual([]);
      await stack.host.raiseEvent('run-approve', APPROVE_EVENT, { comment: 'lgtm' });
      const result = await outcome(stack, 'run-approve');
      expect(result.outcome).toBe('succeeded');
      const networkWrites = stack.emulator
        .writeLog()
        .filter((w) => !/diagnosticSettings/i.test(w.resourceId));
      expect(networkWrites.length).toBe(result.plan.steps);
    });
  });

  it('writes nothing when rejected', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      await startAwaitingApproval(stack, 'run-reject');
      await stack.host.raiseEvent('run-reject', REJECT_EVENT, {});
      expect((await outcome(stack, 'run-reject')).outcome).toBe('rejected');
      expect(stack.emulator.writeLog()).toEqual([]);
    });
  });

  it('writes nothing when nobody approves in time', async () => {
    const clock = new ManualClock();
    await withStack(
      { topology: referenceTopology(), emulator: { timeScale: 0 }, host: { clock } },
      async (stack) => {
        await startAwaitingApproval(stack, 'run-timeout');
        clock.advance(approval.timeoutMinutes * 60_000 + 1);
        expect((await outcome(stack, 'run-timeout')).outcome).toBe('approvalTimedOut');
        expect(stack.emulator.writeLog()).toEqual([]);
      },
    );
  });
});
