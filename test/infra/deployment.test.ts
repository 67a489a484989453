import { accessSync, constants, readFileSync } from 'node:fs';
import { readBicep, type BicepFile } from '../helpers/bicep';
import { deploymentBicepFiles, infraPath, REPO, wiringProblems } from './infraFiles';

/**
 * AVM modules and the versions the azd Functions quickstarts pin
 * (Azure-Samples/functions-quickstart-typescript-azd, durable-functions-quickstart-typescript-azd).
 * Moving to another version is a deliberate change of this table.
 */
const AVM_MODULES: Record<string, string> = {
  'avm/res/managed-identity/user-assigned-identity': '0.4.1',
  'avm/res/web/serverfarm': '0.1.1',
  'avm/res/web/site': '0.15.1',
  'avm/res/storage/storage-account': '0.8.3',
  'avm/res/operational-insights/workspace': '0.11.1',
  'avm/res/insights/component': '0.6.0',
};

const files = deploymentBicepFiles();
const main = files[0] as BicepFile;

describe('infra Bicep: structure a compiler would otherwise check', () => {
  it('main.bicep deploys at subscription scope and every module file parses', () => {
    expect(main.targetScope).toBe('subscription');
    expect(files.length).toBeGreaterThan(8);
  });

  it('describes every parameter and output, and wires modules, outputs and loaded files consistently', () => {
    expect(wiringProblems(files)).toEqual([]);
  });

  it('pins every registry module to the reviewed AVM version', () => {
    const registry = files.flatMap((f) => f.modules).filter((m) => m.path.startsWith('br/'));
    expect(registry.length).toBeGreaterThan(0);
    for (const m of registry) {
      const [, module, version] = /^br\/public:(.+):(\d+\.\d+\.\d+)$/.exec(m.path) ?? [];
      expect({ module: m.path, pinned: AVM_MODULES[module ?? ''] }).toEqual({
        module: m.path,
        pinned: version,
      });
    }
  });

  it('uses names from abbreviations.json that the file defines', () => {
    const abbrs = JSON.parse(readFileSync(infraPath('abbreviations.json'), 'utf8')) as Record<string, string>;
    const used = [...main.code.matchAll(/\babbrs\.(\w+)/g)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((k) => !(k in abbrs))).toEqual([]);
  });

  it('deploys every resource type Dualstack needs, each with a dated api version', () => {
    const declared = files.flatMap((f) => f.resources);
    for (const r of declared) expect(r.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    const created = new Set(declared.filter((r) => !r.existing).map((r) => r.type));
    for (const type of [
      'Microsoft.Resources/resourceGroups',
      'Microsoft.Authorization/roleDefinitions',
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.OperationalInsights/workspaces/tables',
      'Microsoft.Insights/dataCollectionEndpoints',
      'Microsoft.Insights/dataCollectionRules',
      'Microsoft.Insights/workbooks',
      'Microsoft.EventGrid/systemTopics',
      'Microsoft.EventGrid/systemTopics/eventSubscriptions',
      'Microsoft.Storage/storageAccounts/tableServices/tables',
      'Microsoft.DurableTask/schedulers',
      'Microsoft.DurableTask/schedulers/taskHubs',
    ]) {
      expect({ type, created: created.has(type) }).toEqual({ type, created: true });
    }
  });
});

describe('infra Bicep: the settings issue 7 asks for', () => {
  const api = readBicep(infraPath('app', 'api.bicep'));

  it('hosts the app on Flex Consumption (FC1), Node.js 22, with the user-assigned identity only', () => {
    expect(main.code).toMatch(/name: 'FC1'\s+tier: 'FlexConsumption'/);
    expect(main.code).toMatch(/runtimeName: 'node'\s+runtimeVersion: '22'/);
    expect(api.code).toMatch(/systemAssigned: false/);
    expect(api.code).toMatch(/type: 'UserAssignedIdentity'/);
  });

  it('turns shared keys off and connects to blob, queue and table with the identity', () => {
    expect(main.code).toMatch(/allowSharedKeyAccess: false/);
    expect(api.code).toMatch(/AzureWebJobsStorage__credential: 'managedidentity'/);
    for (const service of ['blob', 'queue', 'table']) {
      expect(api.code).toMatch(
        new RegExp(
          `AzureWebJobsStorage__${service}ServiceUri: stg\\.properties\\.primaryEndpoints\\.${service}`,
        ),
      );
    }
    expect(api.code).not.toMatch(/listKeys|AccountKey=/);
  });

  it('offers Azure Storage (default) and the Durable Task Scheduler as Durable Functions backends', () => {
    const backend = main.params.find((p) => p.name === 'durableBackend');
    expect(backend?.defaultValue).toBe("'AzureStorage'");
    expect(main.types.find((t) => t.name === 'durableBackendType')?.text).toMatch(
      /'AzureStorage' \| 'DurableTaskScheduler'/,
    );
    expect(main.code).toMatch(
      /module durableTaskScheduler 'app\/dts\.bicep' = if \(durableBackend == 'DurableTaskScheduler'\)/,
    );
    expect(readFileSync(`${REPO}/docs/infra.md`, 'utf8')).toMatch(/Durable Task Scheduler/);
  });

  it('keeps host.json on the provider the app settings override', () => {
    const host = JSON.parse(readFileSync(`${REPO}/host.json`, 'utf8')) as {
      extensions: { durableTask: { hubName: string; storageProvider: { type: string } } };
    };
    expect(host.extensions.durableTask.hubName).toBe('%DURABLE_TASK_HUB%');
    expect(host.extensions.durableTask.storageProvider.type).toBe('AzureStorage');
  });
});

describe('azure.yaml', () => {
  const yaml = readFileSync(`${REPO}/azure.yaml`, 'utf8');

  it('provisions infra/main.bicep and deploys the repository as one TypeScript function app', () => {
    expect(yaml).toMatch(/infra:\s+provider: bicep\s+path: infra\s+module: main/);
    expect(yaml).toMatch(/services:\s+api:\s+project: \.\s+language: ts\s+host: function/);
    // The api service name is the tag azd looks for on the Function App.
    expect(readFileSync(infraPath('app', 'api.bicep'), 'utf8')).toMatch(/param serviceName string = 'api'/);
  });

  it('runs the postdeploy hook that turns on the event subscriptions, and the hook scripts exist', () => {
    expect(yaml).toMatch(
      /postdeploy:[\s\S]*run: \.\/infra\/hooks\/postdeploy\.sh[\s\S]*run: \.\/infra\/hooks\/postdeploy\.ps1/,
    );
    accessSync(infraPath('hooks', 'postdeploy.sh'), constants.X_OK);
    for (const script of ['postdeploy.sh', 'postdeploy.ps1']) {
      const text = readFileSync(infraPath('hooks', script), 'utf8');
      expect(text).toMatch(/azd env set DUALSTACK_EVENTS_ENABLED true/);
      expect(text).toMatch(/azd provision --no-prompt/);
    }
  });
});
