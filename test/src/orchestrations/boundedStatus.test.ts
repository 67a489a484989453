import type { EstateStatus, VnetSummary } from '../../../src/orchestrations/migrateEstate';
import {
  boundedStatus,
  countVnets,
  CUSTOM_STATUS_MAX_CHARS,
} from '../../../src/orchestrations/boundedStatus';

/** Azure's limit on an orchestration's custom status: 16 KB of JSON. */
const AZURE_LIMIT = 16 * 1024;

function vnet(i: number, state: VnetSummary['state']): VnetSummary {
  return {
    vnetId: `/subscriptions/00000000-0000-0000-0000-${String(i).padStart(12, '0')}/resourceGroups/rg-spoke-${i}/providers/Microsoft.Network/virtualNetworks/vnet-spoke-${i}`,
    role: i === 0 ? 'hub' : 'spoke',
    state,
    stepsTotal: 15,
    ipv6Prefix: `fd00:be00:${i.toString(16)}::/56`,
    ...(state === 'failed'
      ? {
          failedStep: {
            stepId: `networkInterface:${i}`,
            errorCode: 'InvalidRequest',
            message: 'm'.repeat(5_000),
          },
        }
      : {}),
  };
}

function status(vnets: VnetSummary[], blockers = 0): EstateStatus {
  return {
    phase: 'migratingSpokes',
    plan: {
      steps: 15_614,
      vnets: vnets.length,
      blockers: Array.from({ length: blockers }, (_, i) => ({
        code: 'BasicLoadBalancer',
        resourceId: `/lb/${i}`,
        message: 'x'.repeat(200),
      })),
      warnings: 0,
      manualActions: 0,
      ipv6Pool: 'fd00:be00::/40',
    },
    vnets,
  };
}

describe('boundedStatus', () => {
  it('keeps a 1,000-spoke run under Azure’s 16 KB, listing running and failed VNets first and counting every VNet', () => {
    const states: VnetSummary['state'][] = [
      'succeeded',
      'pending',
      'running',
      'failed',
      'noChanges',
      'skipped',
    ];
    const vnets = Array.from({ length: 1_001 }, (_, i) => vnet(i, states[i % states.length] ?? 'pending'));
    const bounded = boundedStatus(status(vnets, 300), countVnets(vnets));
    const json = JSON.stringify(bounded);
    expect(json.length).toBeLessThanOrEqual(CUSTOM_STATUS_MAX_CHARS);
    expect(Buffer.byteLength(json)).toBeLessThan(AZURE_LIMIT);
    expect(bounded.vnetCounts).toEqual({
      succeeded: 167,
      pending: 167,
      running: 167,
      failed: 167,
      noChanges: 167,
      skipped: 166,
    });
    expect(bounded.vnets.length + (bounded.vnetsOmitted ?? 0)).toBe(1_001);
    const ranks = bounded.vnets.map((v) => v.state);
    expect(ranks.slice(0, 167).every((s) => s === 'running')).toBe(true);
    expect(bounded.vnets.every((v) => (v.failedStep?.message.length ?? 0) <= 301)).toBe(true);
    expect(bounded.plan?.blockers).toHaveLength(10);
    expect(bounded.plan?.blockersOmitted).toBe(290);
  });

  it('leaves a small run’s status as it was, with the counts added', () => {
    const vnets = [vnet(0, 'succeeded'), vnet(1, 'running'), vnet(2, 'failed')];
    const original = status(vnets);
    expect(boundedStatus(original, countVnets(vnets))).toEqual({
      ...original,
      vnetCounts: { pending: 0, running: 1, succeeded: 1, failed: 1, skipped: 0, noChanges: 0 },
    });
  });

  it('counts the VNets of earlier executions that it does not list', () => {
    const vnets = [vnet(201, 'running')];
    const earlier = countVnets([vnet(0, 'succeeded'), vnet(1, 'succeeded'), vnet(2, 'failed')]);
    const bounded = boundedStatus(status(vnets), countVnets(vnets, earlier));
    expect(bounded.vnetsOmitted).toBe(3);
    expect(bounded.vnetCounts).toMatchObject({ succeeded: 2, failed: 1, running: 1 });
  });
});
