import { stepRows, summaryRow } from '../../../src/monitor/changeRows';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { rowProblems } from '../../../src/monitor/rowProblems';

const spoke = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke1';
const hub = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub';
const outcomes = [
  {
    stepId: `virtualNetwork:${spoke.toLowerCase()}`,
    resourceId: spoke,
    kind: 'virtualNetwork',
    outcome: 'applied',
    attempts: 3,
    durationMs: 1520.6,
    ipv6Prefixes: ['fd00:db8:0:100::/56', 'fd00:db8:0:100::/64'],
    finishedAt: '2026-11-26T10:00:05.000Z',
  },
  {
    stepId: 'peeringSync:x',
    resourceId: `${hub}/virtualNetworkPeerings/hub-to-spoke1`,
    kind: 'peeringSync',
    outcome: 'failed',
    attempts: 1,
    durationMs: 80,
    ipv6Prefixes: [],
    errorCode: 'AnotherOperationInProgress',
    message: 'Another operation on this or dependent resource is in progress.',
  },
];

describe('stepRows', () => {
  it('makes one schema-valid row per step outcome', () => {
    const rows = stepRows({
      runId: 'run1',
      runKind: 'migration',
      vnetId: spoke,
      outcomes,
      at: '2026-11-26T10:00:09Z',
    });
    expect(rows).toEqual([
      {
        TimeGenerated: '2026-11-26T10:00:05.000Z',
        RunId: 'run1',
        RunKind: 'migration',
        RowType: 'step',
        SpokeVnetId: spoke,
        VnetId: spoke,
        ResourceId: spoke,
        ResourceKind: 'virtualNetwork',
        Action: 'addIpv6',
        Outcome: 'applied',
        ErrorCode: '',
        Message: '',
        DurationMs: 1521,
        Retries: 2,
        Ipv6Prefix: 'fd00:db8:0:100::/56',
        Ipv6Prefixes: ['fd00:db8:0:100::/56', 'fd00:db8:0:100::/64'],
      },
      expect.objectContaining({
        TimeGenerated: '2026-11-26T10:00:09Z',
        ResourceKind: 'virtualNetworkPeering',
        Action: 'syncPeering',
        Outcome: 'failed',
        ErrorCode: 'AnotherOperationInProgress',
        Retries: 0,
        Ipv6Prefix: '',
      }),
    ]);
    for (const row of rows) expect(rowProblems(row, DUAL_STACK_CHANGES_SCHEMA.columns)).toEqual([]);
  });

  it('leaves SpokeVnetId empty for the hub, so the hub is never counted as a spoke', () => {
    const [row] = stepRows({
      runId: 'r',
      runKind: 'remediation',
      vnetId: hub,
      role: 'hub',
      outcomes,
      at: 'x',
    });
    expect(row).toMatchObject({ SpokeVnetId: '', VnetId: hub });
  });
});

describe('summaryRow', () => {
  it('carries the counts and the lost rows, and only the estate counts it was given', () => {
    const row = summaryRow({
      runId: 'run1',
      runKind: 'migration',
      outcome: 'succeeded',
      stepsTotal: 10,
      stepsSucceeded: 10,
      stepsFailed: 0,
      changes: 0,
      lostRows: 3,
      finishedAt: '2026-11-26T10:05:00Z',
      spokesTotal: 4,
      spokesDualStack: 4,
    });
    expect(row).toEqual({
      TimeGenerated: '2026-11-26T10:05:00Z',
      RunId: 'run1',
      RunKind: 'migration',
      RowType: 'summary',
      Outcome: 'succeeded',
      StepsTotal: 10,
      StepsSucceeded: 10,
      StepsFailed: 0,
      Changes: 0,
      LostRows: 3,
      SpokesTotal: 4,
      SpokesDualStack: 4,
    });
    expect(rowProblems(row, DUAL_STACK_CHANGES_SCHEMA.columns)).toEqual([]);
  });
});
