import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { RunSummary } from '../../../src/monitor/changeRows';
import {
  DUALSTACK_METER_NAME,
  DUALSTACK_METRICS,
  DualStackMetrics,
} from '../../../src/monitor/DualStackMetrics';
import {
  parseAuthenticationString,
  recordRunMetrics,
  startAzureMonitorMetrics,
} from '../../../src/monitor/startAzureMonitorMetrics';

/** Collects on demand, so the test reads exactly what the SDK would export. */
class InMemoryReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

function values(collected: ResourceMetrics): Record<string, { value: unknown; attributes: unknown }[]> {
  const out: Record<string, { value: unknown; attributes: unknown }[]> = {};
  for (const scope of collected.scopeMetrics) {
    for (const metric of scope.metrics) {
      out[metric.descriptor.name] = metric.dataPoints.map((p) => ({
        value: p.value,
        attributes: p.attributes,
      }));
    }
  }
  return out;
}

const base: RunSummary = {
  runId: 'r',
  runKind: 'migration',
  outcome: 'partial',
  stepsTotal: 40,
  stepsSucceeded: 37,
  stepsFailed: 3,
  changes: 30,
  lostRows: 2,
  finishedAt: '2026-11-26T10:00:00Z',
  spokesTotal: 4,
  spokesDualStack: 3,
};

describe('DualStackMetrics', () => {
  it('records estate gauges and failure, drift and loss counters from run summaries', async () => {
    const reader = new InMemoryReader();
    const provider = new MeterProvider({ readers: [reader] });
    const metrics = new DualStackMetrics(provider.getMeter(DUALSTACK_METER_NAME));

    metrics.recordRun(base);
    metrics.recordRun({
      ...base,
      runKind: 'drift',
      stepsFailed: 0,
      lostRows: 0,
      driftCount: 5,
      spokesDualStack: 2,
    });

    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    expect(values(resourceMetrics)).toEqual({
      [DUALSTACK_METRICS.spokesTotal]: [{ value: 4, attributes: {} }],
      [DUALSTACK_METRICS.spokesDualStack]: [{ value: 2, attributes: {} }],
      [DUALSTACK_METRICS.stepsFailed]: [{ value: 3, attributes: { 'dualstack.run.kind': 'migration' } }],
      [DUALSTACK_METRICS.driftDetected]: [{ value: 5, attributes: { 'dualstack.run.kind': 'drift' } }],
      [DUALSTACK_METRICS.reportRowsLost]: [{ value: 2, attributes: { 'dualstack.run.kind': 'migration' } }],
    });
    await provider.shutdown();
  });
});

describe('startAzureMonitorMetrics', () => {
  it('is off when no Application Insights connection string is set', async () => {
    expect(startAzureMonitorMetrics({})).toBeUndefined();
    expect(startAzureMonitorMetrics({ APPLICATIONINSIGHTS_CONNECTION_STRING: '' })).toBeUndefined();
    await expect(recordRunMetrics(base, {})).resolves.toBe(false);
  });

  it('reads the managed identity from APPLICATIONINSIGHTS_AUTHENTICATION_STRING', () => {
    expect(parseAuthenticationString('Authorization=AAD;ClientId=1111-2222')).toEqual({
      clientId: '1111-2222',
    });
    expect(parseAuthenticationString('Authorization=AAD')).toEqual({});
    expect(parseAuthenticationString('Authorization=Key')).toBeUndefined();
    expect(parseAuthenticationString(undefined)).toBeUndefined();
  });
});
