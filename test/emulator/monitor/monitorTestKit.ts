import { MonitorClient } from '@azure/arm-monitor';
import type { ArmResource } from '../../../src/arm/ArmResource';
import type { EmulatorHandle } from '../../../emulator/EmulatorOptions';
import { DEFAULT_PRINCIPAL_ID, emulatorCredential } from '../../../emulator/emulatorCredential';
import type { MonitorEmulatorOptions } from '../../../emulator/monitor/MonitorEmulator';
import { MonitorEmulator } from '../../../emulator/monitor/MonitorEmulator';
import type { EmulatorOptionsWithMonitor } from '../../../emulator/monitor/monitorOf';
import { registerMonitorExtensions } from '../../../emulator/monitor/registerMonitorExtensions';
import { startEmulator } from '../../../emulator/startEmulator';
import type { RawResponse } from '../emulatorTestKit';
import { armRequest } from '../emulatorTestKit';
import type { IngestionEndpointHandle } from '../../../emulator/monitor/startIngestionEndpoint';
import { startIngestionEndpoint } from '../../../emulator/monitor/startIngestionEndpoint';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';

export const SUBSCRIPTION_ID = '00000000-0000-4000-8000-000000000001';
export const DCR_IMMUTABLE_ID = 'dcr-00000000000040008000000000000d5c';
export const WORKSPACE_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/log-dualstack`;

export interface MonitorTestEmulator {
  handle: EmulatorHandle;
  monitor: MonitorEmulator;
  /** The data collection endpoint (Logs Ingestion), a host of its own as in Azure. */
  dce: IngestionEndpointHandle;
  /** Sets the RBAC map of both ARM and the DCE. */
  setRbac(rbac: Record<string, string[]> | undefined): void;
  stop(): Promise<void>;
}

/** An emulator with the Azure Monitor extensions and a DCR that declares the shared DualStackChanges_CL stream. */
export async function startMonitorEmulator(
  topology: ArmResource[] = [],
  monitorOptions: MonitorEmulatorOptions = {},
  options: EmulatorOptionsWithMonitor = {},
): Promise<MonitorTestEmulator> {
  registerMonitorExtensions();
  const monitor = new MonitorEmulator({
    dataCollectionRules: [{ immutableId: DCR_IMMUTABLE_ID, streams: [DUAL_STACK_CHANGES_SCHEMA] }],
    ...monitorOptions,
  });
  const handle = await startEmulator({ ...options, topology, monitor } as EmulatorOptionsWithMonitor);
  let rbac = options.rbac;
  const dce = await startIngestionEndpoint(monitor, { rbac: () => rbac });
  return {
    handle,
    monitor,
    dce,
    setRbac(next) {
      rbac = next;
      handle.setRbac(next);
    },
    async stop() {
      await Promise.all([handle.stop(), dce.stop()]);
    },
  };
}

export function monitorClient(handle: EmulatorHandle, principalId = DEFAULT_PRINCIPAL_ID): MonitorClient {
  return new MonitorClient(emulatorCredential(principalId), SUBSCRIPTION_ID, {
    endpoint: handle.endpoint,
    $host: handle.endpoint,
    tlsOptions: { ca: handle.ca },
    retryOptions: { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 10 },
  });
}

/** One emulator for a whole test file: started before its tests, stopped after. */
export function useMonitorEmulator(
  topology: ArmResource[] = [],
  monitorOptions: MonitorEmulatorOptions = {},
): { readonly emu: MonitorTestEmulator; readonly client: MonitorClient } {
  const fixture = {} as { emu: MonitorTestEmulator; client: MonitorClient };
  beforeAll(async () => {
    fixture.emu = await startMonitorEmulator(topology, monitorOptions);
    fixture.client = monitorClient(fixture.emu.handle);
  });
  afterAll(() => fixture.emu.stop());
  return fixture;
}

/**
 * The typed client puts `resourceUri` after a '/', so a full id gives '//subscriptions/...'.
 * ARM accepts that; the emulator's URL parsing currently reads '//subscriptions' as a host
 * (reported), so typed calls in tests pass the id without its leading slash.
 */
export function resourceUri(id: string): string {
  return id.replace(/^\//, '');
}

/** A diagnostic setting PUT at 2021-05-01-preview (category groups), as a raw request. */
export function putSetting2021(
  handle: EmulatorHandle,
  resourceId: string,
  name: string,
  properties: unknown,
): Promise<RawResponse> {
  return armRequest(
    handle,
    'PUT',
    `${resourceId}/providers/Microsoft.Insights/diagnosticSettings/${name}?api-version=2021-05-01-preview`,
    { body: { properties } },
  );
}
