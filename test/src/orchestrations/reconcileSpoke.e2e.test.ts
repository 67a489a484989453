import type { DurableOrchestrationStatus } from 'durable-functions';
import { FIREWALL_PRIVATE_IP } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { EmittedEvent } from '../../../emulator/EmulatorOptions';
import { startManagementApi } from '../../../devhost/managementApi';
import type { LocalStack } from '../../../cli/localStack';
import { idKey } from '../../../src/arm/resourceId';
import { resourceEventCounters } from '../../../src/functions/eventGridTrigger';
import { reconcileInstanceId } from '../../../src/orchestrations/instanceIds';
import type { ReconcileSpokeResult } from '../../../src/orchestrations/reconcileSpoke';
import { reconcileSpokeRef } from '../../../src/orchestrations/reconcileSpoke';
import type { Delivery } from '../functions/eventGrid/eventGridKit';
import { createSpoke, deliver, pipelineClient, useStackSettings } from '../functions/eventGrid/eventGridKit';
import { byId, planNow, runMigration, withStack } from '../../helpers/migrationKit';

type Json = Record<string, any>;

async function reconcilesDone(stack: LocalStack): Promise<DurableOrchestrationStatus[]> {
  const all = await stack.host.getStatusAll();
  const ids = all.filter((s) => s.name === reconcileSpokeRef.name).map((s) => s.instanceId);
  return Promise.all(ids.map((id) => stack.host.waitForCompletion(id, { timeoutInMilliseconds: 120_000 })));
}

describe('reconcileSpoke: a new spoke after the migration, driven by its own Event Grid events', () => {
  it('ends fully dual-stack with the hub side synced, in at most two passes for 50 events, then stays quiet', async () => {
    // timeScale 100: the 60 s settle delay is 0.6 s of wall time, long enough for the whole burst to land in it.
    await withStack(
      { topology: referenceTopology(), emulator: { timeScale: 0 }, host: { timeScale: 100 } },
      async (stack) => {
        const restoreSettings = useStackSettings(stack, 60);
        const api = await startManagementApi(stack.host);
        try {
          expect((await runMigration(stack, 'run-initial')).result.outcome).toBe('succeeded');

          const events: EmittedEvent[] = [];
          const off = stack.emulator.onEvent((e) => events.push(e));
          const spoke = await createSpoke(stack, 'lz-1', 9);
          // The pipeline also sends the new spoke's on-premises traffic through the hub firewall.
          await pipelineClient(stack).routes.beginCreateOrUpdateAndWait(
            'rg-hub',
            'rt-hub-gateway',
            'to-spoke-lz-1',
            {
              addressPrefix: '10.9.0.0/16',
              nextHopType: 'VirtualAppliance',
              nextHopIpAddress: FIREWALL_PRIVATE_IP,
            },
            { updateIntervalInMs: 5 },
          );
          const created = [...events];
          expect(created.length).toBeGreaterThanOrEqual(7);

          const passes = new Set<string>();
          const spokeInstance = reconcileInstanceId(spoke.vnetId);
          const offStatus = stack.host.onStatusChange((s) => {
            if (s.name === 'migrateEstate' && s.instanceId.startsWith(spokeInstance))
              passes.add(s.instanceId);
          });
          // Event Grid delivers at least once: the pipeline's events, redelivered, 50 in all, concurrently.
          const burst = Array.from({ length: 50 }, (_, i) => created[i % created.length]!);
          const delivery: Delivery = { logs: [] };
          await Promise.all(burst.map((e) => deliver(api, e, delivery)));
          const finished = await reconcilesDone(stack);
          offStatus();

          const starts = delivery.logs.filter((l) =>
            l.message.startsWith(`reconcile started for ${spoke.vnetId}`),
          );
          const spokeRun = finished.find((s) => s.instanceId === spokeInstance);
          const output = spokeRun?.output as ReconcileSpokeResult;
          expect(spokeRun?.runtimeStatus).toBe('Completed');
          expect(output.outcome).toBe('succeeded');
          expect(starts.length).toBe(1);
          expect(passes.size).toBeGreaterThanOrEqual(1);
          expect(passes.size).toBeLessThanOrEqual(2);
          console.log(
            `50-event burst: ${starts.length} reconcileSpoke start(s), ${passes.size} pass(es), ${output.changedEvents} changed event(s) absorbed; ${finished.length} reconcile instance(s) in all`,
          );

          // The drain loop (events raced against a timer due now) replays to exactly the same actions.
          const replay = await stack.host.replay(spokeInstance);
          expect(replay.isDone).toBe(true);
          expect(replay.replayed).toEqual(replay.recorded);

          // Fully dual-stack, hub side included: a whole-estate plan has nothing left to do.
          expect((await planNow(stack)).steps).toEqual([]);
          const state = byId(stack.emulator.dump());
          const vnet = state.get(idKey(spoke.vnetId)) as Json;
          const v6 = (vnet.properties.addressSpace.addressPrefixes as string[]).filter((p) =>
            p.includes(':'),
          );
          expect(v6).toHaveLength(1);
          for (const s of vnet.properties.subnets as Json[])
            expect((s.properties.addressPrefixes as string[]).some((p) => p.includes(':'))).toBe(true);
          for (const nicId of spoke.nicIds) {
            const nic = state.get(idKey(nicId)) as Json;
            const versions = (nic.properties.ipConfigurations as Json[]).map(
              (c) => c.properties.privateIPAddressVersion,
            );
            expect(versions).toEqual(['IPv4', 'IPv6']);
          }
          const lb = state.get(idKey(spoke.loadBalancerId)) as Json;
          expect(
            (lb.properties.frontendIPConfigurations as Json[]).map(
              (f) => f.properties.privateIPAddressVersion,
            ),
          ).toContain('IPv6');
          const hub = state.get(idKey(stack.baseConfig.hubVnetId)) as Json;
          const hubPeering = (hub.properties.virtualNetworkPeerings as Json[]).find(
            (p) => p.name === 'peer-hub-to-lz-1',
          );
          expect(hubPeering?.properties.remoteAddressSpace.addressPrefixes).toContain(v6[0]);
          const gatewayRoutes = ([...state.values()].find((r) => r.name === 'rt-hub-gateway') as Json)
            .properties.routes as Json[];
          expect(gatewayRoutes.map((r) => r.properties.addressPrefix)).toContain(v6[0]);

          // Our own writes' events come back carrying our principal id: dropped, so nothing further is written.
          const ours = events.slice(created.length);
          expect(ours.length).toBeGreaterThan(0);
          stack.emulator.clearWriteLog();
          const droppedBefore = resourceEventCounters.get('ownWrite');
          const echo: Delivery = { logs: [] };
          for (const e of ours) await deliver(api, e, echo);
          await stack.host.whenIdle();
          off();
          expect(resourceEventCounters.get('ownWrite') - droppedBefore).toBe(ours.length);
          expect(echo.logs.filter((l) => l.message.startsWith('reconcile'))).toEqual([]);
          expect(stack.emulator.writeLog()).toEqual([]);
        } finally {
          restoreSettings();
          await api.close();
        }
      },
    );
  }, 180_000);
});
