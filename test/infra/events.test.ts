import { readFileSync } from 'node:fs';
import { readBicep } from '../helpers/bicep';
import { infraPath, readJson, REPO } from './infraFiles';

interface RemediationEvents {
  eventTypes: string[];
  operationNames: string[];
}

const filter = readJson<RemediationEvents>(`${REPO}/src/config/remediationEvents.json`);
const topic = readBicep(infraPath('app', 'eventTopic.bicep'));
const delivery = readBicep(infraPath('app', 'eventSubscription.bicep'));
const access = readBicep(infraPath('app', 'deadLetterAccess.bicep'));
const main = readBicep(infraPath('main.bicep'));
const subscriptionResource = delivery.resources.find(
  (r) => r.type === 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
);

describe('Event Grid wiring for remediation', () => {
  it('puts a subscription-wide system topic in every managed subscription', () => {
    const systemTopic = topic.resources.find((r) => r.type === 'Microsoft.EventGrid/systemTopics');
    expect(systemTopic?.text).toMatch(/topicType: 'Microsoft\.Resources\.Subscriptions'/);
    expect(systemTopic?.text).toMatch(/source: subscription\(\)\.id/);
    expect(main.code).toMatch(
      /module eventTopics 'app\/eventTopic\.bicep' = \[\s+for subscriptionId in scopeSubscriptionIds:/,
    );
    // Subscriptions other than the deployment's get a resource group for their topic first.
    expect(main.code).toMatch(/for subscriptionId in remoteSubscriptionIds:/);
    expect(main.code).toMatch(/scope: resourceGroup\(subscriptionId, resourceGroupName\)/);
  });

  it('delivers to the remediation function by resource id, one event per call', () => {
    expect(main.code).toMatch(
      /functionResourceId: '\$\{api\.outputs\.resourceId\}\/functions\/\$\{eventGridFunctionName\}'/,
    );
    expect(subscriptionResource?.text).toMatch(/endpointType: 'AzureFunction'/);
    expect(subscriptionResource?.text).toMatch(/resourceId: functionResourceId/);
    expect(subscriptionResource?.text).toMatch(/maxEventsPerBatch: 1/);
    // The function the Event Grid trigger registers (src/functions/eventGridTrigger.ts), read from its source so the
    // test doesn't register functions by importing it.
    const trigger = readFileSync(`${REPO}/src/functions/eventGridTrigger.ts`, 'utf8');
    const registered = /export const RESOURCE_EVENTS_FUNCTION = '(\w+)'/.exec(trigger)?.[1];
    expect(trigger).toMatch(/app\.eventGrid\(RESOURCE_EVENTS_FUNCTION,/);
    expect(registered).toBeDefined();
    expect(main.params.find((p) => p.name === 'eventGridFunctionName')?.defaultValue).toBe(`'${registered}'`);
  });

  it('filters on exactly the shared list of event types and operation names (StringIn on data.operationName)', () => {
    expect(subscriptionResource?.text).toMatch(/includedEventTypes: eventFilter\.eventTypes/);
    expect(subscriptionResource?.text).toMatch(
      /operatorType: 'StringIn'\s+key: 'data\.operationName'\s+values: eventFilter\.operationNames/,
    );
    expect(main.code).toMatch(/eventFilter: loadJsonContent\('\.\.\/src\/config\/remediationEvents\.json'\)/);
  });

  it('the shared list covers what the remediation issue handles and fits Event Grid limits', () => {
    expect([...filter.eventTypes].sort()).toEqual([
      'Microsoft.Resources.ResourceDeleteSuccess',
      'Microsoft.Resources.ResourceWriteSuccess',
    ]);
    for (const op of [
      'Microsoft.Network/virtualNetworks/write',
      'Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write',
      'Microsoft.Network/networkInterfaces/write',
      'Microsoft.Network/loadBalancers/write',
      'Microsoft.Network/routeTables/write',
      'Microsoft.Network/networkSecurityGroups/write',
      'Microsoft.Network/virtualNetworks/delete',
    ]) {
      expect(filter.operationNames).toContain(op);
    }
    expect(
      filter.operationNames.every((o) => /^Microsoft\.Network\/[A-Za-z/]+\/(write|delete)$/.test(o)),
    ).toBe(true);
    // Event Grid allows 25 advanced-filter values per subscription.
    expect(filter.operationNames.length).toBeLessThanOrEqual(25);
  });

  it('dead-letters to the storage container with each topic identity, which may write to that container only', () => {
    expect(subscriptionResource?.text).toMatch(
      /deadLetterWithResourceIdentity: \{\s+identity: \{\s+type: 'SystemAssigned'/,
    );
    expect(subscriptionResource?.text).toMatch(/endpointType: 'StorageBlob'/);
    expect(topic.resources[0]?.text).toMatch(/identity: \{\s+type: 'SystemAssigned'/);
    const writer = access.resources.find((r) => r.name === 'deadLetterWriter');
    expect(writer?.text).toMatch(/scope: container/);
    expect(writer?.text).toMatch(/builtInRoles\.StorageBlobDataContributor/);
    expect(main.code).toMatch(/principalId: eventTopics\[i\]\.outputs\.principalId/);
    expect(main.code).toMatch(/\{ name: deadLetterContainerName \}/);
  });

  it('creates the event subscriptions only once the function is deployed (azd postdeploy hook)', () => {
    expect(main.code).toMatch(/in scopeSubscriptionIds: if \(deployEventSubscription\)/);
    const parameters = readJson<{ parameters: Record<string, { value: string }> }>(
      infraPath('main.parameters.json'),
    );
    expect(parameters.parameters.deployEventSubscription?.value).toBe('${DUALSTACK_EVENTS_ENABLED=false}');
  });
});
