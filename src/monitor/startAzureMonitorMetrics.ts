import type { TokenCredential } from '@azure/core-auth';
import type { RunSummary } from './changeRows';
import { DUALSTACK_METER_NAME, DualStackMetrics } from './DualStackMetrics';

let started: Promise<DualStackMetrics> | undefined;

/**
 * `Authorization=AAD;ClientId=<id>` (what infra sets beside the connection
 * string) means: authenticate to Application Insights with that managed
 * identity, since local auth is off on the component.
 */
export function parseAuthenticationString(value: string | undefined): { clientId?: string } | undefined {
  if (!value) return undefined;
  const pairs = new Map(
    value.split(';').map((pair) => {
      const [key = '', ...rest] = pair.split('=');
      return [key.trim().toLowerCase(), rest.join('=').trim()] as const;
    }),
  );
  if (pairs.get('authorization')?.toUpperCase() !== 'AAD') return undefined;
  const clientId = pairs.get('clientid');
  return clientId ? { clientId } : {};
}

/**
 * Sends Dualstack's metrics to the Function App's Application Insights through
 * the Azure Monitor OpenTelemetry distro. Off (undefined) when no connection
 * string is set, so tests and local runs load none of it; the distro is
 * imported only here, on first use, and set up once per process.
 */
export function startAzureMonitorMetrics(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DualStackMetrics> | undefined {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!connectionString) return undefined;
  started ??= (async () => {
    const auth = parseAuthenticationString(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
    let credential: TokenCredential | undefined;
    if (auth) {
      const { ManagedIdentityCredential } = await import('@azure/identity');
      credential = auth.clientId
        ? new ManagedIdentityCredential({ clientId: auth.clientId })
        : new ManagedIdentityCredential();
    }
    const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) },
      enableLiveMetrics: false,
    });
    const { metrics } = await import('@opentelemetry/api');
    return new DualStackMetrics(metrics.getMeter(DUALSTACK_METER_NAME));
  })();
  return started;
}

/**
 * What the run-summary activity calls: records the run's metrics when
 * Application Insights is configured. Like the change report, metrics never
 * fail a run: a distro that can't start is logged and the run goes on.
 * Resolves to whether the metrics were recorded.
 */
export async function recordRunMetrics(
  summary: RunSummary,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<boolean> {
  try {
    const metrics = await startAzureMonitorMetrics(env);
    metrics?.recordRun(summary);
    return metrics !== undefined;
  } catch (error) {
    console.warn(`Dualstack metrics not recorded: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
