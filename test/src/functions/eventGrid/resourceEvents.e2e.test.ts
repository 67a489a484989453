import type { DurableOrchestrationStatus } from 'durable-functions';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../../estates/referenceLayout';
import type { EmittedEvent } from '../../../../emulator/EmulatorOptions';
import { DEFAULT_PRINCIPAL_ID } from '../../../../emulator/emulatorCredential';
import { ManualClock } from '../../../../devhost/ManualClock';
import type { ManagementApi } from '../../../../devhost/managementApi';
import type { LocalStack } from '../../../../cli/localStack';
import { idKey } from '../../../../src/arm/resourceId';
import { appSettings } from '../../../../src/functions/azureRuntime';
import { resourceEventCounters } from '../../../../src/functions/eventGridTrigger';
import { reconcileInstanceId } from '../../../../src/orchestrations/instanceIds';
import type {
  ReconcileSpokeInput,
  ReconcileSpokeResult,
} from '../../../../src/orchestrations/reconcileSpoke';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../../src/monitor/dualStackChangesSchema';
import { byId, planNow } from '../../../helpers/migrationKit';
import type { Delivery, MigratedFunctionsStack } from './eventGridKit';
import {
  asCloudEvent,
  createSpoke,
  deliver,
  pipelineClient,
  specEvent,
  startMigratedFunctionsStack,
} from './eventGridKit';

type Json = Record<string, any>;
const SETTLE_SECONDS = 60;
const poll = { updateIntervalInMs: 5 };

describe('resourceEvents: the registered Event Grid handler over the migrated reference estate', () => {
  let stack: LocalStack;
  let api: ManagementApi;
  const clock = new ManualClock(new Date('2026-11-26T09:00:00Z'));
  const events: EmittedEvent[] = [];
  const delivery: Delivery = { logs: [] };
  const send = (event: unknown): Promise<void> => deliver(api, event, delivery);
  const spokeId = (name: string): string =>
    `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-spoke-${name}/providers/Microsoft.Network/virtualNetworks/vnet-spoke-${name}`;
  const eventFor = (resourceId: string, kind = 'ResourceWriteSuccess'): EmittedEvent => {
    const found = events.find((e) => idKey(e.subject) === idKey(resourceId) && e.eventType.endsWith(kind));
    if (!found) throw new Error(`the emulator emitted no ${kind} for ${resourceId}`);
    return found;
  };
  const status = (vnetId: string): Promise<DurableOrchestrationStatus> =>
    stack.host.getStatus(reconcileInstanceId(vnetId), { showInput: true });
  /** Fires the settle timers and waits for every reconcile to finish. */
  async function settle(vnetIds: string[]): Promise<ReconcileSpokeResult[]> {
    await stack.host.whenIdle();
    clock.advance(SETTLE_SECONDS * 1000);
    const done = await Promise.all(
      vnetIds.map((v) =>
        stack.host.waitForCompletion(reconcileInstanceId(v), { timeoutInMilliseconds: 60_000 }),
      ),
    );
    for (const d of done) expect(d.runtimeStatus).toBe('Completed');
    return done.map((d) => d.output as ReconcileSpokeResult);
  }
  const instanceCount = async (): Promise<number> => (await stack.host.getStatusAll()).length;

  let fixture: MigratedFunctionsStack;
  beforeAll(async () => {
    fixture = await startMigratedFunctionsStack(SETTLE_SECONDS, { clock });
    ({ stack, api } = fixture);
    stack.emulator.onEvent((e) => events.push(e));
  }, 120_000);
  afterAll(() => fixture.stop());

  it('routes a new spoke, its subnet, NIC and load balancer to one reconcile, and a new NIC elsewhere to its own', async () => {
    const spoke = await createSpoke(stack, 'lz-2', 20);
    // The spoke's VNet write as the emulator emitted it (Event Grid schema): starts its reconcile.
    await send(eventFor(spoke.vnetId));
    const started = await status(spoke.vnetId);
    expect(started.runtimeStatus).toMatch(/Pending|Running/);
    expect((started.input as ReconcileSpokeInput).vnetId).toBe(spoke.vnetId);
    expect((started.input as ReconcileSpokeInput).trigger).toBe('changed');
    // A subnet write in CloudEvents form, the NIC and the LB (whose VNet a read finds): signals, no new instance.
    const before = await instanceCount();
    await send(asCloudEvent(specEvent(spoke.subnetIds[1]!)));
    await send(eventFor(spoke.nicIds[1]!));
    await send(eventFor(spoke.loadBalancerId));
    expect(await instanceCount()).toBe(before);
    const signalled = delivery.logs.filter((l) =>
      l.message.startsWith(`reconcile signalled for ${spoke.vnetId}`),
    );
    expect(signalled).toHaveLength(3);

    // A team adds a VM's NIC to an existing dual-stack spoke.
    const prod1 = spokeId('prod-1');
    const nic = await pipelineClient(stack).networkInterfaces.beginCreateOrUpdateAndWait(
      'rg-spoke-prod-1',
      'nic-vm-prod-1-extra',
      {
        location: 'westeurope',
        ipConfigurations: [{ name: 'ipconfig1', primary: true, subnet: { id: `${prod1}/subnets/snet-app` } }],
      },
      poll,
    );
    await send(eventFor(nic.id!));
    expect((await status(prod1)).runtimeStatus).toMatch(/Pending|Running/);

    const [lz, prod] = await settle([spoke.vnetId, prod1]);
    expect(lz!.outcome).toBe('succeeded');
    expect(lz!.changedEvents).toBe(3);
    expect(prod!.outcome).toBe('succeeded');
    const state = byId(stack.emulator.dump());
    const versions = (id: string): string[] =>
      ((state.get(idKey(id)) as Json).properties.ipConfigurations as Json[]).map(
        (c) => c.properties.privateIPAddressVersion as string,
      );
    expect(versions(nic.id!)).toEqual(['IPv4', 'IPv6']);
    for (const n of spoke.nicIds) expect(versions(n)).toEqual(['IPv4', 'IPv6']);
    expect((await planNow(stack)).steps).toEqual([]);
  }, 60_000);

  it('follows an NSG rule write to the spokes whose subnets use that NSG', async () => {
    const prod2 = spokeId('prod-2');
    const rule = await pipelineClient(stack).securityRules.beginCreateOrUpdateAndWait(
      'rg-spoke-prod-2',
      'nsg-spoke-prod-2-app',
      'allow-web-tier',
      {
        priority: 300,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: '10.2.0.0/24',
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: '8080',
      },
      poll,
    );
    await send(eventFor(rule.id!));
    const [result] = await settle([prod2]);
    expect(result!.outcome).toBe('succeeded');
    expect(result!.passes.map((p) => p.changes)).toEqual([1]);
    // A human's IPv4 rule gets its IPv6 twin, naming the web subnet's /64.
    const state = byId(stack.emulator.dump());
    const nsg = state.get(idKey(rule.id!.replace(/\/securityRules\/.*$/, ''))) as Json;
    const web = ((state.get(idKey(prod2)) as Json).properties.subnets as Json[]).find(
      (x) => x.name === 'snet-web',
    );
    const webV6 = (web!.properties.addressPrefixes as string[]).find((p) => p.includes(':'));
    const twin = (nsg.properties.securityRules as Json[]).find((r) => r.name === 'allow-web-tier-ipv6');
    expect(twin?.properties.sourceAddressPrefix).toBe(webV6);
  }, 60_000);

  it('gives back a deleted spoke its /56 and records the release', async () => {
    const vnetId = spokeId('lz-2');
    const held = await stack.services.reservations.list();
    const prefix = held.find((r) => idKey(r.vnetId) === idKey(vnetId))?.prefix;
    expect(prefix).toBeDefined();
    const net = pipelineClient(stack);
    // Tear-down in the order Azure allows: NICs and the load balancer, the hub's peering, then the VNet.
    for (const n of ['nic-lz-2-0', 'nic-lz-2-1'])
      await net.networkInterfaces.beginDeleteAndWait('rg-spoke-lz-2', n, poll);
    await net.loadBalancers.beginDeleteAndWait('rg-spoke-lz-2', 'lbi-spoke-lz-2', poll);
    await net.virtualNetworkPeerings.beginDeleteAndWait('rg-hub', 'vnet-hub', 'peer-hub-to-lz-2', poll);
    await net.virtualNetworks.beginDeleteAndWait('rg-spoke-lz-2', 'vnet-spoke-lz-2', poll);

    await send(eventFor(`${vnetId}`, 'ResourceDeleteSuccess'));
    expect(((await status(vnetId)).input as ReconcileSpokeInput).trigger).toBe('deleted');
    const [result] = await settle([vnetId]);
    expect(result!.outcome).toBe('released');
    expect(result!.released).toEqual([prefix]);
    expect((await stack.services.reservations.list()).map((r) => idKey(r.vnetId))).not.toContain(
      idKey(vnetId),
    );
    const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
    expect(rows).toContainEqual(
      expect.objectContaining({
        RunKind: 'remediation',
        Action: 'releasePrefix',
        Outcome: 'released',
        VnetId: vnetId,
      }),
    );
  }, 60_000);

  it('leaves a spoke carrying the exclusion tag alone', async () => {
    // The tag the app is configured with (DUALSTACK_EXCLUSION_TAG, read the way the handler reads it).
    const spoke = await createSpoke(stack, 'lz-x', 21, { tags: { [appSettings().exclusionTag]: 'true' } });
    stack.emulator.clearWriteLog();
    await send(eventFor(spoke.vnetId));
    const [result] = await settle([spoke.vnetId]);
    expect(result!.outcome).toBe('notASpoke');
    expect(stack.emulator.writeLog()).toEqual([]);
    const vnet = byId(stack.emulator.dump()).get(idKey(spoke.vnetId)) as Json;
    expect((vnet.properties.addressSpace.addressPrefixes as string[]).some((p) => p.includes(':'))).toBe(
      false,
    );
  }, 60_000);

  it('plans once more when a change arrives while it works, and only once', async () => {
    const spoke = await createSpoke(stack, 'lz-c', 23);
    // NIC writes fail with 503 for now: the reconcile's first pass waits in a durable backoff on the clock.
    stack.emulator.setFaults([
      {
        operation: 'write',
        resourceType: 'Microsoft.Network/networkInterfaces',
        probability: 1,
        fault: 'http503',
      },
    ]);
    await send(eventFor(spoke.vnetId));
    await stack.host.whenIdle();
    clock.advance(SETTLE_SECONDS * 1000);
    await stack.host.whenIdle();
    expect(((await status(spoke.vnetId)).customStatus as { phase: string }).phase).toBe('pass 1');
    // The pipeline touches the spoke's NIC again meanwhile.
    await send(eventFor(spoke.nicIds[0]!));
    stack.emulator.setFaults([]);
    const [result] = await settle([spoke.vnetId]);
    expect(result!.changedEvents).toBe(1);
    expect(result!.passes.map((p) => p.outcome)).toEqual(['succeeded', 'noChanges']);
    expect(result!.outcome).toBe('succeeded');
  }, 60_000);

  it('stops at a blocker, writes nothing, and reports the blocked remediation', async () => {
    const spoke = await createSpoke(stack, 'lz-b', 22);
    // A subnet delegated to a service that refuses IPv6: the planner blocks the whole VNet.
    await pipelineClient(stack).subnets.beginCreateOrUpdateAndWait(
      'rg-spoke-lz-b',
      'vnet-spoke-lz-b',
      'snet-aci',
      {
        addressPrefix: '10.22.2.0/24',
        delegations: [{ name: 'aci', serviceName: 'Microsoft.ContainerInstance/containerGroups' }],
      },
      poll,
    );
    stack.emulator.clearWriteLog();
    await send(eventFor(spoke.vnetId));
    const [result] = await settle([spoke.vnetId]);
    expect(result!.outcome).toBe('blocked');
    expect(result!.blockers?.map((b) => b.code)).toEqual(['DelegationForbidsIpv6']);
    expect(stack.emulator.writeLog()).toEqual([]);
    const rows = stack.monitor.ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName);
    expect(rows).toContainEqual(
      expect.objectContaining({
        RunKind: 'remediation',
        RowType: 'summary',
        Outcome: 'blocked',
        RunId: result!.passes[0]!.runId,
      }),
    );
  }, 60_000);

  describe('drops, with a log line and a counter, and starts nothing', () => {
    const nicId = `${spokeId('prod-2')}`.replace(
      /virtualNetworks\/.*/,
      'networkInterfaces/nic-vm-prod-2-web',
    );
    it.each([
      [
        'a foreign tenant',
        specEvent(nicId, { tenantId: '11111111-2222-4333-8444-555555555555' }),
        'foreignTenant',
      ],
      [
        'our own principal (token claims)',
        specEvent(nicId, { principalId: DEFAULT_PRINCIPAL_ID }),
        'ownWrite',
      ],
      [
        'an out-of-scope subscription',
        specEvent(nicId.replace(REFERENCE_SUBSCRIPTION_ID, '99999999-0000-4000-8000-000000000009')),
        'outOfScope',
      ],
    ] as const)('%s', async (_label, event, counter) => {
      const before = resourceEventCounters.get(counter);
      const instances = await instanceCount();
      await send(event);
      await send(asCloudEvent(event));
      expect(resourceEventCounters.get(counter) - before).toBe(2);
      expect(await instanceCount()).toBe(instances);
      expect(delivery.logs.at(-1)).toEqual({
        level: 'information',
        message: expect.stringContaining(`dropped (${counter})`),
      });
    });

    it('our own principal named only by the authorization evidence (dashes removed, as ARM writes it)', async () => {
      const before = resourceEventCounters.get('ownWrite');
      const ours = events.find(
        (e) =>
          (e.data.claims as Json)['http://schemas.microsoft.com/identity/claims/objectidentifier'] ===
          DEFAULT_PRINCIPAL_ID,
      );
      expect(ours).toBeDefined();
      const data = structuredClone(ours!.data) as Json;
      data.claims = {};
      expect(data.authorization.evidence.principalId).toBe(DEFAULT_PRINCIPAL_ID.replace(/-/g, ''));
      await send({ ...ours, data });
      expect(resourceEventCounters.get('ownWrite') - before).toBe(1);
    });
  });

  describe('rejects malformed events with a logged reason and never throws', () => {
    const good = (): Json => specEvent(spokeId('prod-1'));
    it.each([
      ['missing data', () => ({ ...good(), data: undefined }), /required property 'data'/],
      ['data that is not an object', () => ({ ...good(), data: 'text' }), /data/],
      ['an unknown schema', () => ({ hello: 'world' }), /unknown schema/],
      ['a payload that is not an object', () => 'ResourceWriteSuccess', /not an object/],
      ['a CloudEvent without source', () => ({ ...asCloudEvent(good()), source: undefined }), /source/],
      ['an Event Grid event without eventType', () => ({ ...good(), eventType: undefined }), /eventType/],
      [
        'a resource id that is not an ARM id',
        () => ({ ...good(), data: { ...good().data, resourceUri: '/not/an/arm/id' } }),
        /not an ARM resource id/,
      ],
    ])('%s', async (_label, make, reason) => {
      const before = resourceEventCounters.get('reject');
      const instances = await instanceCount();
      await expect(send(make())).resolves.toBeUndefined();
      expect(resourceEventCounters.get('reject') - before).toBe(1);
      expect(delivery.logs.at(-1)?.level).toBe('warning');
      expect(delivery.logs.at(-1)?.message).toMatch(reason);
      expect(await instanceCount()).toBe(instances);
    });
  });

  it('ignores what is not a network write it cares about, cheaply (the spec example is a storage account)', async () => {
    const storage = specEvent(
      `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata`,
    );
    const nicDelete = specEvent(
      `${spokeId('prod-1')}`.replace(/virtualNetworks\/.*/, 'networkInterfaces/nic-gone'),
      {
        kind: 'delete',
      },
    );
    const before = resourceEventCounters.get('ignore');
    const instances = await instanceCount();
    for (const e of [
      storage,
      nicDelete,
      { ...storage, eventType: 'Microsoft.Resources.ResourceActionSuccess' },
    ])
      await send(e);
    expect(resourceEventCounters.get('ignore') - before).toBe(3);
    expect(await instanceCount()).toBe(instances);
  });
});
