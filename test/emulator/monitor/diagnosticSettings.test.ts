import { isRestError } from '@azure/core-rest-pipeline';
import { referenceTopology } from '../../../estates/referenceTopology';
import {
  diagnosticCategoryGroupNotSupported,
  diagnosticCategoryNotSupported,
  diagnosticSettingMixesCategoryAndGroup,
  diagnosticSettingWithoutDestination,
  diagnosticSinkInUse,
} from '../../../src/monitor/monitorErrors';
import { resourceNotFound } from '../../../src/arm/errors/commonErrors';
import type { EmittedEvent } from '../../../emulator/EmulatorOptions';
import {
  WORKSPACE_ID,
  monitorClient,
  resourceUri,
  useMonitorEmulator,
  putSetting2021,
} from './monitorTestKit';

const topology = referenceTopology();
const firewallId = topology.find((r) => r.type === 'Microsoft.Network/azureFirewalls')!.id;
const vnetId = topology.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!.id;

const fx = useMonitorEmulator(topology);

async function rejection(p: Promise<unknown>): Promise<{ status?: number; code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isRestError(e)) return { status: e.statusCode, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('Microsoft.Insights/diagnosticSettings in the emulator', () => {
  it('serves create, get, list and delete to the typed @azure/arm-monitor client (2017-05-01-preview)', async () => {
    const created = await fx.client.diagnosticSettings.createOrUpdate(resourceUri(firewallId), 'ops', {
      workspaceId: WORKSPACE_ID,
      logs: [{ category: 'AzureFirewallNetworkRule', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    });
    expect(created).toMatchObject({
      name: 'ops',
      type: 'Microsoft.Insights/diagnosticSettings',
      workspaceId: WORKSPACE_ID,
      logs: [{ category: 'AzureFirewallNetworkRule', enabled: true }],
    });
    expect(created.id?.toLowerCase()).toBe(
      `${firewallId}/providers/microsoft.insights/diagnosticSettings/ops`.toLowerCase(),
    );
    await expect(fx.client.diagnosticSettings.get(resourceUri(firewallId), 'ops')).resolves.toMatchObject({
      name: 'ops',
    });
    const list = await fx.client.diagnosticSettings.list(resourceUri(firewallId));
    expect(list.value?.map((s) => s.name)).toEqual(['ops']);

    await fx.client.diagnosticSettings.delete(resourceUri(firewallId), 'ops');
    const gone = await rejection(fx.client.diagnosticSettings.get(resourceUri(firewallId), 'ops'));
    expect(gone).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect((await fx.client.diagnosticSettings.list(resourceUri(firewallId))).value).toEqual([]);
  });

  it('answers 404 for a resource that does not exist', async () => {
    const missing = firewallId.replace('afw-hub', 'afw-nowhere');
    const error = await rejection(fx.client.diagnosticSettings.list(resourceUri(missing)));
    expect(error).toMatchObject({ status: 404, code: resourceNotFound(missing).code });
  });

  it('shows category-group entries only from 2021-05-01-preview on, as Azure does', async () => {
    const put = await putSetting2021(fx.emu.handle, firewallId, 'groups', {
      workspaceId: WORKSPACE_ID,
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    });
    expect(put.status).toBe(200);
    expect(put.body.properties.logs).toEqual([{ categoryGroup: 'allLogs', enabled: true }]);
    const old = await fx.client.diagnosticSettings.get(resourceUri(firewallId), 'groups');
    expect(old.logs).toEqual([]);
    expect(old.metrics).toEqual([{ category: 'AllMetrics', enabled: true }]);
    await fx.client.diagnosticSettings.delete(resourceUri(firewallId), 'groups');
  });

  it.each([
    [
      'a mix of categories and category groups',
      {
        workspaceId: WORKSPACE_ID,
        logs: [
          { categoryGroup: 'allLogs', enabled: true },
          { category: 'AZFWNatRule', enabled: true },
        ],
      },
      diagnosticSettingMixesCategoryAndGroup(),
    ],
    [
      'no destination',
      { logs: [{ categoryGroup: 'allLogs', enabled: true }] },
      diagnosticSettingWithoutDestination(),
    ],
    [
      'an unknown category',
      { workspaceId: WORKSPACE_ID, logs: [{ category: 'NoSuchLog', enabled: true }] },
      diagnosticCategoryNotSupported('NoSuchLog'),
    ],
    [
      'an unknown category group',
      { workspaceId: WORKSPACE_ID, logs: [{ categoryGroup: 'everything', enabled: true }] },
      diagnosticCategoryGroupNotSupported('everything', ['allLogs', 'audit']),
    ],
  ])('refuses %s with the service error', async (_what, properties, expected) => {
    const response = await putSetting2021(fx.emu.handle, firewallId, 'bad', properties);
    expect(response.status).toBe(expected.status);
    // Microsoft.Insights errors are flat { code, message }, not ARM's { error } envelope
    expect(response.body).toEqual(expected.body);
    expect((await fx.client.diagnosticSettings.list(resourceUri(firewallId))).value).toEqual([]);
  });

  it('refuses a second setting that sends a category to a sink another setting already uses for it (409)', async () => {
    const policy = await putSetting2021(fx.emu.handle, firewallId, 'setbypolicy', {
      workspaceId: WORKSPACE_ID,
      logs: [{ category: 'AZFWNetworkRule', enabled: true }],
    });
    expect(policy.status).toBe(200);
    const ours = await putSetting2021(fx.emu.handle, firewallId, 'ours', {
      workspaceId: WORKSPACE_ID.toUpperCase(),
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
    });
    expect(ours.status).toBe(409);
    expect(ours.body).toEqual(
      diagnosticSinkInUse(WORKSPACE_ID.toUpperCase(), 'setbypolicy', 'AZFWNetworkRule').body,
    );
    const elsewhere = await putSetting2021(fx.emu.handle, firewallId, 'ours', {
      workspaceId: WORKSPACE_ID.replace('log-dualstack', 'log-other'),
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
    });
    expect(elsewhere.status).toBe(200);
    await fx.client.diagnosticSettings.delete(resourceUri(firewallId), 'ours');
    await fx.client.diagnosticSettings.delete(resourceUri(firewallId), 'setbypolicy');
  });

  it('logs writes as finished ARM writes, emits write events, and needs the diagnosticSettings/write action', async () => {
    const events: EmittedEvent[] = [];
    const unsubscribe = fx.emu.handle.onEvent((e) => events.push(e));
    fx.emu.handle.clearWriteLog();
    await fx.client.diagnosticSettings.createOrUpdate(resourceUri(vnetId), 'audit', {
      workspaceId: WORKSPACE_ID,
      metrics: [{ category: 'AllMetrics', enabled: true }],
    });
    unsubscribe();
    const settingId = `${vnetId}/providers/Microsoft.Insights/diagnosticSettings/audit`;
    expect(fx.emu.handle.writeLog()).toEqual([
      expect.objectContaining({
        method: 'PUT',
        resourceId: settingId,
        status: 200,
        finishedAt: expect.any(Number),
      }),
    ]);
    expect(events.map((e) => [e.eventType, e.data.operationName])).toEqual([
      ['Microsoft.Resources.ResourceWriteSuccess', 'Microsoft.Insights/diagnosticSettings/write'],
    ]);

    const principal = '00000000-0000-4000-8000-0000000000bb';
    fx.emu.handle.setRbac({ [principal]: ['Microsoft.Insights/diagnosticSettings/read'] });
    try {
      const denied = await rejection(
        monitorClient(fx.emu.handle, principal).diagnosticSettings.createOrUpdate(
          resourceUri(vnetId),
          'audit',
          {
            workspaceId: WORKSPACE_ID,
          },
        ),
      );
      expect(denied).toMatchObject({ status: 403, code: 'AuthorizationFailed' });
      await expect(
        monitorClient(fx.emu.handle, principal).diagnosticSettings.get(resourceUri(vnetId), 'audit'),
      ).resolves.toBeDefined();
    } finally {
      fx.emu.handle.setRbac(undefined);
    }
  });
});
