import { parseResourceId } from '../arm/resourceId';
import { classifyError } from '../azure/classifyError';
import { listNetwork } from '../azure/listNetwork';
import { monitorClient } from '../azure/monitorClient';
import { ensureDiagnosticSetting } from '../monitor/ensureDiagnosticSetting';
import { hubDiagnosticTargets } from '../monitor/hubDiagnosticTargets';
import { activityServices } from './ActivityServices';
import type { EnsureHubDiagnosticsInput, EnsureHubDiagnosticsResult } from './ensureHubDiagnosticsContract';

/**
 * The hub's firewall, gateways, NVA load balancer and their public IPs send their
 * logs to the configured workspace, as the Microsoft guide draws it. Our own
 * setting is created or corrected; other settings are left alone.
 */
export async function ensureHubDiagnostics(
  input: EnsureHubDiagnosticsInput,
): Promise<EnsureHubDiagnosticsResult> {
  const services = activityServices();
  const result: EnsureHubDiagnosticsResult = { managed: false, created: 0, updated: 0, unchanged: 0 };
  const workspaceId = services.logAnalyticsWorkspaceId;
  const hub = parseResourceId(input.hubVnetId);
  if (!workspaceId || !hub) return result;
  result.managed = true;
  const hubResources = await listNetwork(services.clients, [hub.subscriptionId], [hub.resourceGroup]);
  const client = monitorClient(services.connection, hub.subscriptionId);
  for (const resourceId of hubDiagnosticTargets(input.hubVnetId, hubResources)) {
    try {
      const { outcome } = await ensureDiagnosticSetting(client, { resourceId, workspaceId });
      if (outcome === 'created') result.created++;
      else if (outcome === 'updated') result.updated++;
      else result.unchanged++;
    } catch (error) {
      throw classifyError(error, { resourceId });
    }
  }
  return result;
}
