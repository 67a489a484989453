import { readBicep } from '../helpers/bicep';
import { infraPath, readJson, REPO } from './infraFiles';

interface RemediationEvents {
  eventTypes: string[];
  operationNames: string[];
}

const filter = readJson<RemediationEvents>(`${REPO}/src/config/remediationEvents.json`);
const events = readBicep(infraPath('app', 'events.bicep'));
const main = readBicep(infraPath('main.bicep'));

describe('Event Grid wiring for remediation', () => {
  it('subscribes to the subscription-wide system topic and delivers to the function by resource id', () => {
    const topic = events.resources.find((r) => r.type === 'Microsoft.EventGrid/systemTopics');
    expect(topic?.text).toMatch(/topicType: 'Microsoft\.Resources\.Subscriptions'/);
    expect(topic?.text).toMatch(/source: subscription\(\)\.id/);
    const subscription = events.resources.find(
      (r) => r.type === 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
    );
    expect(subscription?.text).toMatch(/endpointType: 'AzureFunction'/);
    expect(subscription?.text).toMatch(
      /resourceId: '\$\{functionAppResourceId\}\/functions\/\$\{functionName\}'/,
    );
    expect(main.params.find((p) => p.name === 'eventGridFunctionName')?.defaultValue).toBe(
      "'remediateOnResourceEvent'",
    );
  });

  it('filters on exactly the shared list of event types and operation names (StringIn on data.operationName)', () => {
    const subscription = events.resources.find(
      (r) => r.type === 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
    );
    expect(subscription?.text).toMatch(/includedEventTypes: eventFilter\.eventTypes/);
    expect(subscription?.text).toMatch(
      /operatorType: 'StringIn'\s+key: 'data\.operationName'\s+values: eventFilter\.operationNames/,
    );
    expect(main.code).toMatch(/eventFilter: loadJsonContent\('\.\.\/src\/config\/remediationEvents\.json'\)/);
  });

  it('the shared list covers what the remediation issue handles and fits Event Grid limits', () => {
    expect(filter.eventTypes.sort()).toEqual([
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

  it('dead-letters to the storage container with the topic identity, which may write to that container only', () => {
    const subscription = events.resources.find(
      (r) => r.type === 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
    );
    expect(subscription?.text).toMatch(
      /deadLetterWithResourceIdentity: \{\s+identity: \{\s+type: 'SystemAssigned'/,
    );
    expect(subscription?.text).toMatch(/endpointType: 'StorageBlob'/);
    const writer = events.resources.find((r) => r.name === 'deadLetterWriter');
    expect(writer?.text).toMatch(/scope: deadLetterContainer/);
    expect(writer?.text).toMatch(/principalId: systemTopic\.identity\.principalId/);
    expect(main.code).toMatch(/\{ name: deadLetterContainerName \}/);
  });

  it('creates the event subscription only once the function is deployed (azd postdeploy hook)', () => {
    const subscription = events.resources.find(
      (r) => r.type === 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
    );
    expect(subscription?.text).toMatch(/= if \(deployEventSubscription\)/);
    const parameters = readJson<{ parameters: Record<string, { value: string }> }>(
      infraPath('main.parameters.json'),
    );
    expect(parameters.parameters.deployEventSubscription?.value).toBe('${DUALSTACK_EVENTS_ENABLED=false}');
  });
});
