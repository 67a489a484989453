import { APP_SETTING_DEFINITIONS, AppSettingsError, readAppSettings } from '../../../src/config/appSettings';
import { configFromSettings } from '../../../src/planner/config/configFromSettings';
import { parseConfig } from '../../../src/planner/config/parseConfig';

const SUB_A = '00000000-0000-4000-8000-00000000000a';
const SUB_B = '00000000-0000-4000-8000-00000000000b';
const HUB = `/subscriptions/${SUB_A}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;

const MINIMAL: Record<string, string> = {
  DUALSTACK_HUB_VNET_ID: HUB,
  DUALSTACK_SUBSCRIPTIONS: `${SUB_A}, ${SUB_B}`,
  DUALSTACK_PRINCIPAL_ID: '11111111-1111-4111-8111-111111111111',
  DUALSTACK_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  AzureWebJobsStorage__tableServiceUri: 'https://stdualstack.table.core.windows.net/',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    readAppSettings(env);
  } catch (e) {
    if (e instanceof AppSettingsError) return e.settings;
    throw e;
  }
  throw new Error('readAppSettings accepted the settings');
}

describe('readAppSettings', () => {
  it('applies every documented default when only the required settings are given', () => {
    const s = readAppSettings(MINIMAL);
    expect(s.hubVnetId).toBe(HUB);
    expect(s.subscriptions).toEqual([SUB_A, SUB_B]);
    expect(s.resourceGroupIds).toBeUndefined();
    expect(s.ipv6Pool).toBeUndefined();
    expect(s.ipv6NextHop).toEqual({ kind: 'auto' });
    expect(s.exclusionTag).toBe('dualstack:skip');
    expect(s.approvalRequired).toBe(true);
    expect(s.approvalTimeoutMinutes).toBe(1440);
    expect(s.maxParallelSpokes).toBe(4);
    expect(s.maxParallelWrites).toBe(20);
    expect(s.canarySpokes).toEqual({ kind: 'count', count: 1 });
    expect(s.maxFailedSpokes).toBe(3);
    expect(s.settleSeconds).toBe(60);
    expect(s.remediateDrift).toBe(false);
    expect(s.driftSchedule).toBe('0 0 3 * * *');
    expect(s.reservations).toEqual({
      tableEndpoint: 'https://stdualstack.table.core.windows.net',
      tableName: 'DualstackReservations',
    });
    expect(s.logsIngestion).toBeUndefined();
    expect(s.logAnalyticsWorkspaceId).toBeUndefined();
    expect(s.configOverride).toBeUndefined();
  });

  it('carries the write budget into the planner configuration a run gets', () => {
    const s = readAppSettings({ ...MINIMAL, DUALSTACK_MAX_PARALLEL_WRITES: '7' });
    expect(parseConfig(configFromSettings(s)).rollout.maxParallelWrites).toBe(7);
  });

  it('carries named canary spokes into the configuration, in the order given', () => {
    const spoke = (n: number): string =>
      `/subscriptions/${SUB_B}/resourceGroups/rg-s/providers/Microsoft.Network/virtualNetworks/spoke${n}`;
    const s = readAppSettings({ ...MINIMAL, DUALSTACK_CANARY_SPOKES: `${spoke(2)},${spoke(1)}` });
    const { rollout } = parseConfig(configFromSettings(s));
    expect(rollout.canaryVnetIds).toEqual([spoke(2), spoke(1)]);
    expect(rollout.canarySpokes).toBe(2);
  });

  it('treats empty strings (what Bicep writes for unset optional parameters) as unset', () => {
    const empty = Object.fromEntries(APP_SETTING_DEFINITIONS.map((d) => [d.name, '']));
    const s = readAppSettings({ ...empty, ...MINIMAL });
    expect(s.ipv6NextHop).toEqual({ kind: 'auto' });
    expect(s.logsIngestion).toBeUndefined();
    expect(s.maxParallelSpokes).toBe(4);
  });

  it('reports every missing required setting by name, at once', () => {
    expect(problemsOf({}).sort()).toEqual(
      [
        'AZURE_CLIENT_ID',
        'DUALSTACK_HUB_VNET_ID',
        'DUALSTACK_PRINCIPAL_ID',
        'DUALSTACK_RESERVATIONS_TABLE_ENDPOINT',
        'DUALSTACK_SUBSCRIPTIONS',
        'DUALSTACK_TENANT_ID',
      ].sort(),
    );
    expect(APP_SETTING_DEFINITIONS.filter((d) => d.required).every((d) => !('default' in d))).toBe(true);
  });

  it.each([
    [
      'DUALSTACK_HUB_VNET_ID',
      `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt`,
    ],
    ['DUALSTACK_SUBSCRIPTIONS', 'not-a-guid'],
    ['DUALSTACK_RESOURCE_GROUPS', '/subscriptions/99999999-9999-4999-8999-999999999999/resourceGroups/rg'],
    ['DUALSTACK_IPV6_POOL', 'fd00::/56'],
    ['DUALSTACK_IPV6_POOL', '10.0.0.0/8'],
    ['DUALSTACK_IPV6_NEXT_HOP', '10.0.0.4'],
    ['DUALSTACK_EXCLUSION_TAG', 'a/b'],
    ['DUALSTACK_APPROVAL_REQUIRED', 'yes'],
    ['DUALSTACK_MAX_PARALLEL_SPOKES', '0'],
    ['DUALSTACK_MAX_PARALLEL_SPOKES', '2.5'],
    ['DUALSTACK_MAX_PARALLEL_SPOKES', '51'],
    ['DUALSTACK_MAX_PARALLEL_WRITES', '1'],
    ['DUALSTACK_CANARY_SPOKES', '51'],
    ['DUALSTACK_APPROVAL_TIMEOUT_MINUTES', '10081'],
    ['DUALSTACK_CANARY_SPOKES', 'spoke1'],
    ['DUALSTACK_SETTLE_SECONDS', '-1'],
    ['DUALSTACK_REMEDIATE_DRIFT', '1'],
    ['DUALSTACK_DRIFT_SCHEDULE', '0 3 * * *'],
    ['DUALSTACK_PRINCIPAL_ID', 'me'],
    ['DUALSTACK_RESERVATIONS_TABLE_ENDPOINT', 'http://plain.table.core.windows.net'],
    ['DUALSTACK_RESERVATIONS_TABLE_NAME', 'reservations-table'],
    ['DUALSTACK_DCR_IMMUTABLE_ID', 'dcr-xyz'],
    ['DUALSTACK_LOG_ANALYTICS_WORKSPACE_ID', HUB],
    ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'IngestionEndpoint=https://x'],
    ['DUALSTACK_CONFIG_JSON', '[1,2]'],
    ['DUALSTACK_CONFIG_JSON', '{not json'],
  ])('names %s when its value %j is malformed', (setting, value) => {
    expect(problemsOf({ ...MINIMAL, [setting]: value })).toContain(setting);
  });

  it('parses the non-default forms', () => {
    const frontend = `/subscriptions/${SUB_A}/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/lb-nva/frontendIPConfigurations/fe`;
    const spoke = `/subscriptions/${SUB_B}/resourceGroups/rg-s/providers/Microsoft.Network/virtualNetworks/spoke1`;
    const s = readAppSettings({
      ...MINIMAL,
      DUALSTACK_RESOURCE_GROUPS: `rg-net, /subscriptions/${SUB_B}/resourceGroups/rg-only-b`,
      DUALSTACK_IPV6_POOL: 'FD12:3456:789A::/48',
      DUALSTACK_IPV6_NEXT_HOP: frontend,
      DUALSTACK_CANARY_SPOKES: spoke,
      DUALSTACK_APPROVAL_REQUIRED: 'False',
      DUALSTACK_RESERVATIONS_TABLE_ENDPOINT: 'https://other.table.core.windows.net',
      DUALSTACK_LOGS_INGESTION_ENDPOINT: 'https://dce-x.westeurope-1.ingest.monitor.azure.com',
      DUALSTACK_DCR_IMMUTABLE_ID: 'dcr-0123456789abcdef0123456789abcdef',
      DUALSTACK_CONFIG_JSON: '{"ipv6Pool":"fd00::/48"}',
    });
    expect(s.resourceGroupIds).toEqual([
      `/subscriptions/${SUB_A}/resourceGroups/rg-net`,
      `/subscriptions/${SUB_B}/resourceGroups/rg-net`,
      `/subscriptions/${SUB_B}/resourceGroups/rg-only-b`,
    ]);
    expect(s.ipv6Pool).toBe('fd12:3456:789a::/48');
    expect(s.ipv6NextHop).toEqual({ kind: 'loadBalancerFrontend', frontendIpConfigurationId: frontend });
    expect(s.canarySpokes).toEqual({ kind: 'vnetIds', vnetIds: [spoke] });
    expect(s.approvalRequired).toBe(false);
    expect(s.reservations.tableEndpoint).toBe('https://other.table.core.windows.net');
    expect(s.logsIngestion).toEqual({
      endpoint: 'https://dce-x.westeurope-1.ingest.monitor.azure.com',
      dcrImmutableId: 'dcr-0123456789abcdef0123456789abcdef',
      stream: 'Custom-DualStackChanges_CL',
    });
    expect(s.configOverride).toEqual({ ipv6Pool: 'fd00::/48' });
    expect(readAppSettings({ ...MINIMAL, DUALSTACK_IPV6_NEXT_HOP: 'FD00::4' }).ipv6NextHop).toEqual({
      kind: 'address',
      address: 'fd00::4',
    });
  });

  it('requires the Logs Ingestion endpoint and DCR id together', () => {
    expect(
      problemsOf({ ...MINIMAL, DUALSTACK_DCR_IMMUTABLE_ID: 'dcr-0123456789abcdef0123456789abcdef' }),
    ).toEqual(['DUALSTACK_LOGS_INGESTION_ENDPOINT']);
  });

  it('puts the setting name in the error message', () => {
    expect(() => readAppSettings({ ...MINIMAL, DUALSTACK_SETTLE_SECONDS: 'soon' })).toThrow(
      /DUALSTACK_SETTLE_SECONDS: 'soon' is not an integer/,
    );
  });
});
