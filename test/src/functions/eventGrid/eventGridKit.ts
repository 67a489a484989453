import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NetworkManagementClient } from '@azure/arm-network';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { localAppSettings } from '../../../../cli/localAppSettings';
import type { LocalStack, LocalStackOptions } from '../../../../cli/localStack';
import { startLocalStack } from '../../../../cli/localStack';
import { referenceTopology } from '../../../../estates/referenceTopology';
import { startManagementApi } from '../../../../devhost/managementApi';
import { runMigration } from '../../../helpers/migrationKit';
import { EMULATOR_TENANT_ID, emulatorCredential } from '../../../../emulator/emulatorCredential';
import { invokeFunction } from '../../../../devhost/invokeFunction';
import type { ManagementApi } from '../../../../devhost/managementApi';
import { RESOURCE_EVENTS_FUNCTION } from '../../../../src/functions/eventGridTrigger';

/** A landing-zone pipeline's identity: not ours, so its writes are events we act on. */
export const PIPELINE_PRINCIPAL_ID = '00000000-0000-4000-8000-0000000000bb';

const SPEC_EXAMPLE = path.join(
  __dirname,
  '../../../../vendor/azure-rest-api-specs/specification/eventgrid/data-plane/Microsoft.Resources/stable/2018-01-01/examples/event-grid-schema/resource_write_success.json',
);

/**
 * The app settings the registered handlers read (appSettings() reads them once per module graph). The
 * planner configuration is the stack's own, so the handlers plan exactly as runMigration does. Returns a
 * function that puts the environment back.
 */
export function useStackSettings(
  stack: LocalStack,
  settleSeconds: number,
  extra: Record<string, string> = {},
): () => void {
  const settings: Record<string, string> = {
    ...localAppSettings(stack, stack.baseConfig),
    DUALSTACK_SETTLE_SECONDS: String(settleSeconds),
    ...extra,
  };
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

export interface Delivery {
  logs: { level: string; message: string }[];
}

/**
 * Calls the registered Event Grid function as the worker would: an InvocationContext built from its
 * registered bindings, the durable client input bound to the local host's management API, so
 * `df.getClient(context)` inside the handler is a real df.DurableClient.
 */
export async function deliver(api: ManagementApi, event: unknown, into: Delivery): Promise<void> {
  await invokeFunction(RESOURCE_EVENTS_FUNCTION, 'eventGridTrigger', event, {
    durableClient: api.clientData,
    logHandler: (level, ...args) => into.logs.push({ level, message: args.map(String).join(' ') }),
  });
}

type Json = Record<string, any>;

/**
 * A ResourceWriteSuccess/DeleteSuccess event built from the Event Grid spec's own example, with its
 * placeholders filled in: caused by `principalId` in `tenantId`.
 */
export function specEvent(
  resourceUri: string,
  options: { kind?: 'write' | 'delete'; principalId?: string; tenantId?: string } = {},
): Json {
  const event = JSON.parse(readFileSync(SPEC_EXAMPLE, 'utf8')) as Json;
  const subscriptionId = resourceUri.split('/')[2] ?? '';
  const resourceGroup = resourceUri.split('/')[4] ?? '';
  const type = resourceUri
    .split(/\/providers\//i)[1]!
    .split('/')
    .filter((_, i) => i === 0 || i % 2 === 1)
    .join('/');
  const operation = `${type}/${options.kind === 'delete' ? 'delete' : 'write'}`;
  const tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
  const principalId = options.principalId ?? PIPELINE_PRINCIPAL_ID;
  event.id = randomUUID();
  event.subject = resourceUri;
  event.topic = `/subscriptions/${subscriptionId}`;
  event.eventType =
    options.kind === 'delete'
      ? 'Microsoft.Resources.ResourceDeleteSuccess'
      : 'Microsoft.Resources.ResourceWriteSuccess';
  const data = event.data as Json;
  data.authorization.scope = resourceUri;
  data.authorization.action = operation;
  data.claims['http://schemas.microsoft.com/identity/claims/objectidentifier'] = principalId;
  data.claims['http://schemas.microsoft.com/identity/claims/tenantid'] = tenantId;
  data.claims.appid = principalId;
  data.correlationId = randomUUID();
  data.resourceProvider = 'Microsoft.Network';
  data.resourceUri = resourceUri;
  data.operationName = operation;
  data.subscriptionId = subscriptionId;
  data.resourceGroup = resourceGroup;
  data.tenantId = tenantId;
  return event;
}

/** The same event in CloudEvents 1.0 form, as an Event Grid subscription with that delivery schema sends it. */
export function asCloudEvent(event: Json): Json {
  return {
    specversion: '1.0',
    id: event.id,
    source: event.topic,
    subject: event.subject,
    type: event.eventType,
    time: event.eventTime,
    datacontenttype: 'application/json',
    data: event.data,
  };
}

/** The pipeline's network client: the real SDK against the emulator, as a principal that isn't ours. */
export function pipelineClient(stack: LocalStack): NetworkManagementClient {
  return new NetworkManagementClient(
    emulatorCredential(PIPELINE_PRINCIPAL_ID),
    stack.baseConfig.scope.subscriptions[0]!,
    { endpoint: stack.emulator.endpoint, tlsOptions: { ca: stack.emulator.ca } },
  );
}

export interface NewSpoke {
  vnetId: string;
  subnetIds: string[];
  nicIds: string[];
  loadBalancerId: string;
}

/**
 * What a landing-zone pipeline does for a new spoke, through the real SDK: a VNet with two subnets, an
 * internal load balancer, a NIC per subnet (the first in the load balancer's pool), then the peering pair
 * with the hub. Each write makes the emulator emit its event.
 */
export async function createSpoke(
  stack: LocalStack,
  name: string,
  octet: number,
  options: { tags?: Record<string, string>; peer?: boolean } = {},
): Promise<NewSpoke> {
  const net = pipelineClient(stack);
  const poll = { updateIntervalInMs: 5 };
  const sub = stack.baseConfig.scope.subscriptions[0]!;
  const rg = `rg-spoke-${name}`;
  const vnetName = `vnet-spoke-${name}`;
  const location = 'westeurope';
  // A new landing zone comes with its resource group (ARM's PUT, through the same authenticated pipeline).
  const rgResponse = await net.sendRequest(
    createPipelineRequest({
      url: `${stack.emulator.endpoint}/subscriptions/${sub}/resourcegroups/${rg}?api-version=2021-04-01`,
      method: 'PUT',
      headers: createHttpHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ location }),
    }),
  );
  if (rgResponse.status >= 300) throw new Error(`resource group ${rg}: HTTP ${rgResponse.status}`);
  const vnet = await net.virtualNetworks.beginCreateOrUpdateAndWait(
    rg,
    vnetName,
    {
      location,
      ...(options.tags ? { tags: options.tags } : {}),
      addressSpace: { addressPrefixes: [`10.${octet}.0.0/16`] },
      subnets: [
        { name: 'snet-app', addressPrefix: `10.${octet}.0.0/24` },
        { name: 'snet-data', addressPrefix: `10.${octet}.1.0/24` },
      ],
    },
    poll,
  );
  const subnetIds = (vnet.subnets ?? []).map((s) => s.id!);
  const lbName = `lbi-spoke-${name}`;
  const lbId = `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/loadBalancers/${lbName}`;
  await net.loadBalancers.beginCreateOrUpdateAndWait(
    rg,
    lbName,
    {
      location,
      sku: { name: 'Standard' },
      frontendIPConfigurations: [
        {
          name: 'fe-app',
          subnet: { id: subnetIds[0] },
          privateIPAllocationMethod: 'Static',
          privateIPAddress: `10.${octet}.0.10`,
          privateIPAddressVersion: 'IPv4',
        },
      ],
      backendAddressPools: [{ name: 'be-app' }],
      probes: [{ name: 'probe-http', protocol: 'Tcp', port: 80, intervalInSeconds: 5, numberOfProbes: 2 }],
      loadBalancingRules: [
        {
          name: 'rule-http',
          protocol: 'Tcp',
          frontendPort: 80,
          backendPort: 80,
          frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/fe-app` },
          backendAddressPool: { id: `${lbId}/backendAddressPools/be-app` },
          probe: { id: `${lbId}/probes/probe-http` },
        },
      ],
    },
    poll,
  );
  const nicIds: string[] = [];
  for (const [i, subnetId] of subnetIds.entries()) {
    const nic = await net.networkInterfaces.beginCreateOrUpdateAndWait(
      rg,
      `nic-${name}-${i}`,
      {
        location,
        ipConfigurations: [
          {
            name: 'ipconfig1',
            primary: true,
            subnet: { id: subnetId },
            privateIPAllocationMethod: 'Dynamic',
            privateIPAddressVersion: 'IPv4',
            ...(i === 0
              ? { loadBalancerBackendAddressPools: [{ id: `${lbId}/backendAddressPools/be-app` }] }
              : {}),
          },
        ],
      },
      poll,
    );
    nicIds.push(nic.id!);
  }
  if (options.peer !== false) {
    const hubId = stack.baseConfig.hubVnetId;
    const hub = { rg: hubId.split('/')[4]!, name: hubId.split('/').pop()! };
    await net.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
      rg,
      vnetName,
      `peer-${name}-to-hub`,
      { remoteVirtualNetwork: { id: hubId }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true },
      poll,
    );
    await net.virtualNetworkPeerings.beginCreateOrUpdateAndWait(
      hub.rg,
      hub.name,
      `peer-hub-to-${name}`,
      {
        remoteVirtualNetwork: { id: vnet.id! },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
      },
      poll,
    );
  }
  return { vnetId: vnet.id!, subnetIds, nicIds, loadBalancerId: lbId };
}

/** A stack whose reference estate one migration ('run-initial') made dual-stack, with the registered functions' settings and management API. */
export interface MigratedFunctionsStack {
  stack: LocalStack;
  api: ManagementApi;
  stop(): Promise<void>;
}

export async function startMigratedFunctionsStack(
  settleSeconds: number,
  host: LocalStackOptions['host'] = {},
): Promise<MigratedFunctionsStack> {
  const stack = await startLocalStack({ topology: referenceTopology(), emulator: { timeScale: 0 }, host });
  const restoreSettings = useStackSettings(stack, settleSeconds);
  const api = await startManagementApi(stack.host);
  const migrated = await runMigration(stack, 'run-initial');
  if (migrated.result.outcome !== 'succeeded')
    throw new Error(`run-initial ended ${migrated.result.outcome}`);
  return {
    stack,
    api,
    async stop() {
      restoreSettings();
      await api.close();
      await stack.stop();
    },
  };
}
