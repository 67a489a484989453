import { isRestError } from '@azure/core-rest-pipeline';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { DiagnosticSettingResource } from '../../../src/monitor/ensureDiagnosticSetting';
import {
  DUALSTACK_DIAGNOSTIC_SETTING_NAME,
  ensureDiagnosticSetting,
} from '../../../src/monitor/ensureDiagnosticSetting';
import { hubDiagnosticTargets } from '../../../src/monitor/hubDiagnosticTargets';
import { armRequest } from '../../emulator/emulatorTestKit';
import {
  WORKSPACE_ID,
  resourceUri,
  useMonitorEmulator,
  putSetting2021,
} from '../../emulator/monitor/monitorTestKit';

const topology = referenceTopology();
const hubVnetId = topology.find((r) => r.name === 'vnet-hub')!.id;
const targets = hubDiagnosticTargets(hubVnetId, topology);
const firewallId = targets.find((id) => /azureFirewalls/.test(id))!;
const OTHER_WORKSPACE = WORKSPACE_ID.replace('log-dualstack', 'log-security');

const fx = useMonitorEmulator(topology);
beforeEach(() => fx.emu.monitor.diagnosticSettings.clear());

const getSetting = async (resourceId: string, name: string): Promise<DiagnosticSettingResource> =>
  (
    await armRequest(
      fx.emu.handle,
      'GET',
      `${resourceId}/providers/Microsoft.Insights/diagnosticSettings/${name}?api-version=2021-05-01-preview`,
    )
  ).body as DiagnosticSettingResource;

describe('hubDiagnosticTargets', () => {
  it("picks the hub's firewall, gateways, NVA load balancer and the public IPs they use", () => {
    expect(targets.map((id) => id.split('/').slice(-2).join('/'))).toEqual([
      'azureFirewalls/afw-hub',
      'loadBalancers/lbi-hub-nva',
      'publicIPAddresses/pip-afw-hub',
      'publicIPAddresses/pip-bas-hub',
      'publicIPAddresses/pip-vgw-hub-er',
      'publicIPAddresses/pip-vgw-hub-vpn',
      'virtualNetworkGateways/vgw-hub-er',
      'virtualNetworkGateways/vgw-hub-vpn',
    ]);
  });
});

describe('ensureDiagnosticSetting', () => {
  it('creates the setting on every hub target once; a second pass writes nothing', async () => {
    fx.emu.handle.clearWriteLog();
    const first = await Promise.all(
      targets.map((resourceId) =>
        ensureDiagnosticSetting(fx.client, { resourceId, workspaceId: WORKSPACE_ID }),
      ),
    );
    expect(first.map((r) => r.outcome)).toEqual(targets.map(() => 'created'));
    expect(fx.emu.handle.writeLog()).toHaveLength(targets.length);
    expect(await getSetting(firewallId, DUALSTACK_DIAGNOSTIC_SETTING_NAME)).toMatchObject({
      name: DUALSTACK_DIAGNOSTIC_SETTING_NAME,
      properties: {
        workspaceId: WORKSPACE_ID,
        logs: [{ categoryGroup: 'allLogs', enabled: true }],
        metrics: [{ category: 'AllMetrics', enabled: true }],
      },
    });

    fx.emu.handle.clearWriteLog();
    const second = await Promise.all(
      targets.map((resourceId) =>
        ensureDiagnosticSetting(fx.client, { resourceId, workspaceId: WORKSPACE_ID }),
      ),
    );
    expect(second.map((r) => r.outcome)).toEqual(targets.map(() => 'unchanged'));
    expect(fx.emu.handle.writeLog()).toEqual([]);
  });

  it("leaves other settings alone and brings its own back to the desired state, keeping a human's extra destination", async () => {
    const storageAccountId = WORKSPACE_ID.replace(
      'Microsoft.OperationalInsights/workspaces/log-dualstack',
      'Microsoft.Storage/storageAccounts/stdiag',
    );
    await fx.client.diagnosticSettings.createOrUpdate(resourceUri(firewallId), 'security-team', {
      workspaceId: OTHER_WORKSPACE,
      logs: [{ category: 'AZFWThreatIntel', enabled: true }],
    });
    await fx.client.diagnosticSettings.createOrUpdate(
      resourceUri(firewallId),
      DUALSTACK_DIAGNOSTIC_SETTING_NAME,
      {
        workspaceId: OTHER_WORKSPACE,
        storageAccountId,
        logAnalyticsDestinationType: 'Dedicated',
        logs: [{ category: 'AZFWNetworkRule', enabled: true }],
      },
    );
    const securityBefore = await getSetting(firewallId, 'security-team');

    const result = await ensureDiagnosticSetting(fx.client, {
      resourceId: firewallId,
      workspaceId: WORKSPACE_ID,
    });

    expect(result).toEqual({
      resourceId: firewallId,
      name: DUALSTACK_DIAGNOSTIC_SETTING_NAME,
      outcome: 'updated',
    });
    expect(await getSetting(firewallId, 'security-team')).toEqual(securityBefore);
    const ours = await getSetting(firewallId, DUALSTACK_DIAGNOSTIC_SETTING_NAME);
    expect(ours.properties).toEqual({
      workspaceId: WORKSPACE_ID,
      storageAccountId,
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    });
    await expect(
      ensureDiagnosticSetting(fx.client, { resourceId: firewallId, workspaceId: WORKSPACE_ID }),
    ).resolves.toMatchObject({
      outcome: 'unchanged',
    });
  });

  it('writes nothing when another setting (Azure Policy) already sends allLogs and AllMetrics to the workspace', async () => {
    await putSetting2021(fx.emu.handle, firewallId, 'setbypolicy', {
      workspaceId: WORKSPACE_ID,
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    });
    fx.emu.handle.clearWriteLog();
    await expect(
      ensureDiagnosticSetting(fx.client, { resourceId: firewallId, workspaceId: WORKSPACE_ID }),
    ).resolves.toEqual({
      resourceId: firewallId,
      name: DUALSTACK_DIAGNOSTIC_SETTING_NAME,
      outcome: 'covered',
      coveredBy: 'setbypolicy',
    });
    expect(fx.emu.handle.writeLog()).toEqual([]);
  });

  it("reports Azure's 409 Conflict when another setting sends only some categories to the workspace", async () => {
    await putSetting2021(fx.emu.handle, firewallId, 'setbypolicy', {
      workspaceId: WORKSPACE_ID,
      logs: [{ category: 'AZFWThreatIntel', enabled: true }],
    });
    const error: unknown = await ensureDiagnosticSetting(fx.client, {
      resourceId: firewallId,
      workspaceId: WORKSPACE_ID,
    }).catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 409,
      code: 'Conflict',
      message: expect.stringContaining(
        "already used in diagnostic setting 'setbypolicy' for category 'AZFWThreatIntel'",
      ),
    });
  });

  it('uses a name given by the caller', async () => {
    const result = await ensureDiagnosticSetting(fx.client, {
      resourceId: firewallId,
      workspaceId: WORKSPACE_ID,
      name: 'hub-to-central',
    });
    expect(result.outcome).toBe('created');
    expect((await getSetting(firewallId, 'hub-to-central')).name).toBe('hub-to-central');
  });

  it('refuses ids that are not what they should be, naming the field', async () => {
    await expect(
      ensureDiagnosticSetting(fx.client, { resourceId: 'afw-hub', workspaceId: WORKSPACE_ID }),
    ).rejects.toThrow("resourceId is not an ARM resource id: 'afw-hub'");
    await expect(
      ensureDiagnosticSetting(fx.client, { resourceId: firewallId, workspaceId: hubVnetId }),
    ).rejects.toThrow(/^workspaceId is not a Log Analytics workspace id/);
  });

  it("passes Azure's refusal on as a RestError with its code and status", async () => {
    const missing = firewallId.replace('afw-hub', 'afw-gone');
    const error: unknown = await ensureDiagnosticSetting(fx.client, {
      resourceId: missing,
      workspaceId: WORKSPACE_ID,
    }).catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });
});
