import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NetworkManagementClient } from '@azure/arm-network';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { referenceTopology } from '../../../estates/referenceTopology';
import { emulatorCredential } from '../../../emulator/emulatorCredential';
import { LocalDurableHost } from '../../../devhost/LocalDurableHost';
import { APPROVE_EVENT, migrateEstateRef } from '../../../src/orchestrations/migrateEstate';
import { addressSpaceInstanceId } from '../../../src/orchestrations/instanceIds';
import type { EstateStatus, MigrationResult } from '../../../src/orchestrations/migrateEstate';
import type { LocalStack } from '../../../cli/localStack';
import { parseResourceId } from '../../../src/arm/resourceId';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { migrationInput, planNow, runMigration, withStack } from '../../helpers/migrationKit';

function client(stack: LocalStack): NetworkManagementClient {
  return new NetworkManagementClient(emulatorCredential(), stack.baseConfig.scope.subscriptions[0]!, {
    endpoint: stack.emulator.endpoint,
    tlsOptions: { ca: stack.emulator.ca },
  });
}

async function waitForPhase(
  host: LocalDurableHost,
  runId: string,
  phase: EstateStatus['phase'],
): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const status = await host.getStatus(runId);
    if ((status.customStatus as EstateStatus | undefined)?.phase === phase) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${runId} never reached ${phase}`);
}

function ipv6ConfigCounts(stack: LocalStack): number[] {
  return stack.emulator
    .dump()
    .filter((r) => r.type === 'Microsoft.Network/networkInterfaces')
    .map(
      (nic) =>
        (nic.properties!.ipConfigurations as { properties: { privateIPAddressVersion?: string } }[]).filter(
          (c) => c.properties.privateIPAddressVersion === 'IPv6',
        ).length,
    );
}

describe('migrateEstate under failure', () => {
  it('completes correctly with retryable faults injected into 10% of writes', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0, seed: 7 } }, async (stack) => {
      stack.emulator.setFaults([
        { operation: 'write', probability: 0.05, fault: 'http503' },
        { operation: 'write', probability: 0.05, fault: 'lroFailed' },
      ]);
      const { result } = await runMigration(stack, 'run-faults');
      stack.emulator.setFaults([]);
      expect(result.outcome).toBe('succeeded');
      expect(ipv6ConfigCounts(stack).every((n) => n === 1)).toBe(true);
      expect((await planNow(stack)).steps).toEqual([]);
    });
  });

  it('re-PUTs, on the next run, what a failed operation left Failed, and leaves nothing Failed', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const tableType = 'Microsoft.Network/routeTables';
      // Every route table write is accepted and stored, and its operation ends Failed, as Azure's can.
      stack.emulator.setFaults([
        { operation: 'write', resourceType: tableType, probability: 1, fault: 'lroFailed' },
      ]);
      const first = await runMigration(stack, 'run-left-failed', {
        retry: { maxAttempts: 2, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 1000 },
      });
      stack.emulator.setFaults([]);
      expect(first.result.outcome).not.toBe('succeeded');
      expect(first.result.vnets.find((v) => v.state === 'failed')?.failedStep?.errorCode).toBeDefined();
      const failed = stack.emulator.dump().filter((r) => r.properties?.provisioningState === 'Failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((r) => r.type === tableType)).toBe(true);

      const again = await planNow(stack);
      const reputs = again.steps.filter((s) => /re-PUT as it is/.test(s.summary));
      expect(reputs.map((s) => s.resourceId).sort()).toEqual(failed.map((r) => r.id).sort());
      expect(reputs.every((s) => s.additions.length === 0)).toBe(true);

      const second = await runMigration(stack, 'run-after-failed');
      expect(second.result.outcome).toBe('succeeded');
      expect(stack.emulator.dump().filter((r) => r.properties?.provisioningState === 'Failed')).toEqual([]);
      expect((await planNow(stack)).steps).toEqual([]);
    });
  });

  it('isolates a terminal failure to its spoke and reports it', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const plan = await planNow(stack);
      const victim = plan.steps.find(
        (s) => s.kind === 'networkInterface' && s.vnetId && s.vnetId !== plan.hubVnetId,
      )!;
      await stack.host.startNew(migrateEstateRef.name, {
        instanceId: 'run-terminal',
        input: migrationInput(stack, 'run-terminal', {
          approval: { required: true, timeoutMinutes: 60 },
          rollout: { maxParallelSpokes: 2, canarySpokes: 0, abortAfterFailures: 3 },
        }),
      });
      await waitForPhase(stack.host, 'run-terminal', 'awaitingApproval');
      // A human deletes a NIC after the plan was made: its step can only fail.
      const nic = parseResourceId(victim.resourceId)!;
      await client(stack).networkInterfaces.beginDeleteAndWait(nic.resourceGroup, nic.names[0]!, {
        updateIntervalInMs: 5,
      });
      await stack.host.raiseEvent('run-terminal', APPROVE_EVENT, {});
      const status = await stack.host.waitForCompletion('run-terminal', { timeoutInMilliseconds: 60_000 });
      const result = status.output as MigrationResult;
      expect(result.outcome).toBe('partiallyFailed');
      const failed = result.vnets.filter((v) => v.state === 'failed');
      expect(failed.map((v) => v.vnetId)).toEqual([victim.vnetId]);
      expect(failed[0]!.failedStep?.errorCode).toMatch(/NotFound/);
      expect(result.vnets.filter((v) => v.role === 'spoke' && v.state === 'succeeded')).toHaveLength(3);
    });
  });

  it('reports the steps a spoke never started when its address space fails, and never writes its hub side', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const plan = await planNow(stack);
      // The hub's address space is in; from the canary's on, every VNet write answers 500 (never applied)
      // until retries run out.
      const hubAddressSpace = addressSpaceInstanceId('run-space', plan.hubVnetId);
      stack.host.onStatusChange((s) => {
        if (s.instanceId === hubAddressSpace && s.runtimeStatus === OrchestrationRuntimeStatus.Completed)
          stack.emulator.setFaults([
            {
              operation: 'write',
              resourceType: 'Microsoft.Network/virtualNetworks',
              probability: 1,
              fault: 'http500',
            },
          ]);
      });
      const { result } = await runMigration(stack, 'run-space', {
        rollout: { maxParallelSpokes: 1, canarySpokes: 1, abortAfterFailures: 1 },
        retry: { maxAttempts: 2, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 1000 },
      });
      const canary = result.vnets.find((v) => v.role === 'spoke' && v.state === 'failed')!;
      expect(canary.failedStep?.stepId).toMatch(/^virtualNetwork:/);
      expect(result.vnets.filter((v) => v.role === 'spoke' && v.state === 'skipped')).toHaveLength(3);

      const own = plan.steps.filter((s) => s.vnetId === canary.vnetId);
      const hubSide = own.filter((s) =>
        s.resourceId.toLowerCase().startsWith(`${plan.hubVnetId.toLowerCase()}/`),
      );
      expect(hubSide).toHaveLength(1);
      const written = stack.emulator.writeLog().filter((w) => w.status < 300);
      expect(written.some((w) => w.resourceId.toLowerCase() === hubSide[0]!.resourceId.toLowerCase())).toBe(
        false,
      );

      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RowType === 'step' && r.VnetId === canary.vnetId);
      // One row per step of the spoke: its address space failed, everything after it skipped.
      expect(rows.filter((r) => r.Outcome === 'failed')).toHaveLength(1);
      expect(rows.filter((r) => r.Outcome === 'skipped')).toHaveLength(own.length - hubSide.length - 1);
      expect(result.stepsFailed).toBe(1);
    });
  });

  it("stops every spoke at its address space when the hub fails after its own, and reports each spoke's rest as skipped", async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const plan = await planNow(stack);
      // Load balancer writes fail for good: the hub's NVA load balancer is the first to meet it.
      stack.emulator.setFaults([
        {
          operation: 'write',
          resourceType: 'Microsoft.Network/loadBalancers',
          probability: 1,
          fault: 'http500',
        },
      ]);
      const { result } = await runMigration(stack, 'run-hub-fails', {
        rollout: { maxParallelSpokes: 4, canarySpokes: 0, abortAfterFailures: 4 },
        retry: { maxAttempts: 2, firstDelayMs: 1000, backoffCoefficient: 2, maxDelayMs: 1000 },
      });
      expect(result.outcome).toBe('failed');
      const hub = result.vnets.find((v) => v.role === 'hub')!;
      expect(hub.state).toBe('failed');
      expect(hub.failedStep?.stepId).toMatch(/^loadBalancer:/);
      const spokes = result.vnets.filter((v) => v.role === 'spoke' && v.stepsTotal > 0);
      expect(spokes.length).toBeGreaterThan(0);
      expect(spokes.every((v) => v.state === 'skipped')).toBe(true);

      // A spoke got its address space, which no workload sees, and nothing else: no hub-side sync either.
      const written = stack.emulator
        .writeLog()
        .filter((w) => w.status < 300 && !/diagnosticSettings/i.test(w.resourceId));
      const hubKey = plan.hubVnetId.toLowerCase();
      const spokeKeys = new Set(spokes.map((v) => v.vnetId.toLowerCase()));
      for (const w of written) {
        const id = w.resourceId.toLowerCase();
        expect(
          id === hubKey ||
            spokeKeys.has(id) ||
            plan.steps.some((s) => s.vnetId === plan.hubVnetId && s.resourceId.toLowerCase() === id),
        ).toBe(true);
        expect(id.startsWith(`${hubKey}/virtualnetworkpeerings/`)).toBe(false);
      }

      // Every step of every spoke has its row: the address space applied, the rest skipped.
      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        .filter((r) => r.RowType === 'step');
      const underHub = (id: string): boolean => id.toLowerCase().startsWith(`${hubKey}/`);
      for (const spoke of spokes) {
        const own = plan.steps.filter((s) => s.vnetId === spoke.vnetId && !underHub(s.resourceId));
        // Its hub-side sync is the hub lane's, reported under the hub, and never ran; an AVNM-connected
        // spoke has the Connectivity commit instead (AVNM rewrites its peerings), which never ran either.
        const hubSide = plan.steps.find((s) => s.vnetId === spoke.vnetId && underHub(s.resourceId));
        const commit = plan.steps.find(
          (s) => s.kind === 'avnmCommit' && own.some((o) => s.dependsOn.includes(o.id)),
        );
        expect([hubSide, commit].filter(Boolean)).toHaveLength(1);
        if (hubSide)
          expect(rows.find((r) => r.ResourceId === hubSide.resourceId)).toMatchObject({
            VnetId: plan.hubVnetId,
            Outcome: 'skipped',
          });
        else
          expect(rows.find((r) => r.ResourceId === commit?.resourceId)).toMatchObject({ Outcome: 'skipped' });
        // Shared steps that never ran are reported skipped under the first VNet they serve.
        const sharedHere = plan.steps.filter((s) => s.vnetId === undefined && s.vnetIds[0] === spoke.vnetId);
        const spokeRows = rows.filter((r) => r.VnetId === spoke.vnetId);
        const addressSpaceApplied = spokeRows.filter((r) => r.Outcome === 'applied');
        expect(spokeRows).toHaveLength(own.length + sharedHere.length);
        expect(addressSpaceApplied.map((r) => r.ResourceId)).toEqual([spoke.vnetId]);
        expect(spokeRows.filter((r) => r.Outcome === 'skipped')).toHaveLength(
          own.length + sharedHere.length - 1,
        );
      }
    });
  });

  it('keeps a human edit made between plan and apply', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      await stack.host.startNew(migrateEstateRef.name, {
        instanceId: 'run-human',
        input: migrationInput(stack, 'run-human', { approval: { required: true, timeoutMinutes: 60 } }),
      });
      await waitForPhase(stack.host, 'run-human', 'awaitingApproval');
      const nic = stack.emulator
        .dump()
        .find((r) => r.type === 'Microsoft.Network/networkInterfaces' && r.name.startsWith('nic-vm'))!;
      const id = parseResourceId(nic.id)!;
      const nics = client(stack).networkInterfaces;
      const current = await nics.get(id.resourceGroup, id.names[0]!);
      await nics.beginCreateOrUpdateAndWait(
        id.resourceGroup,
        id.names[0]!,
        { ...current, tags: { owner: 'team-payments' } },
        { updateIntervalInMs: 5 },
      );
      await stack.host.raiseEvent('run-human', APPROVE_EVENT, {});
      const status = await stack.host.waitForCompletion('run-human', { timeoutInMilliseconds: 60_000 });
      expect((status.output as MigrationResult).outcome).toBe('succeeded');
      const after = await client(stack).networkInterfaces.get(id.resourceGroup, id.names[0]!);
      expect(after.tags).toEqual({ owner: 'team-payments' });
      expect(after.ipConfigurations?.filter((c) => c.privateIPAddressVersion === 'IPv6')).toHaveLength(1);
    });
  });

  it('resumes a killed host from persisted history without duplicating anything', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'dualstack-kill-'));
    try {
      await withStack(
        { topology: referenceTopology(), emulator: { timeScale: 0.002 }, host: { stateDir } },
        async (stack) => {
          await stack.host.startNew(migrateEstateRef.name, {
            instanceId: 'run-kill',
            input: migrationInput(stack, 'run-kill'),
          });
          while (stack.emulator.writeLog().length < 12) await new Promise((r) => setTimeout(r, 5));
          await stack.host.stop();
          const revived = new LocalDurableHost({ stateDir, timeScale: 1000 });
          expect(await revived.resume()).toBeGreaterThan(0);
          const status = await revived.waitForCompletion('run-kill', { timeoutInMilliseconds: 60_000 });
          await revived.stop();
          expect((status.output as MigrationResult).outcome).toBe('succeeded');
          expect(ipv6ConfigCounts(stack).every((n) => n === 1)).toBe(true);
          expect((await planNow(stack)).steps).toEqual([]);
        },
      );
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
