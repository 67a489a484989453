import { DEFAULT_PRINCIPAL_ID, EMULATOR_TENANT_ID } from '../../../../emulator/emulatorCredential';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../../estates/referenceLayout';
import { parseResourceEvent } from '../../../../src/functions/eventGrid/parseResourceEvent';
import type { RouteContext } from '../../../../src/functions/eventGrid/routeResourceEvent';
import { routeResourceEvent } from '../../../../src/functions/eventGrid/routeResourceEvent';
import { asCloudEvent, specEvent } from './eventGridKit';

const NET = `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-spoke-a/providers/Microsoft.Network`;
const HUB = `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const ctx: RouteContext = {
  hubVnetId: HUB,
  scope: { subscriptions: [REFERENCE_SUBSCRIPTION_ID] },
  tenantId: EMULATOR_TENANT_ID,
  principalId: DEFAULT_PRINCIPAL_ID,
};

async function route(event: Record<string, unknown>, context: RouteContext = ctx) {
  const parsed = await parseResourceEvent(event);
  if (!parsed.ok) throw new Error(parsed.reason);
  return routeResourceEvent(parsed.event, context);
}

describe('routeResourceEvent (spec-example events, both schemas)', () => {
  it.each([
    [
      'a VNet write',
      `${NET}/virtualNetworks/vnet-a`,
      { action: 'reconcile', vnetId: `${NET}/virtualNetworks/vnet-a` },
    ],
    [
      'a subnet write',
      `${NET}/virtualNetworks/vnet-a/subnets/s1`,
      { action: 'reconcile', vnetId: `${NET}/virtualNetworks/vnet-a` },
    ],
    [
      "a spoke's peering write",
      `${NET}/virtualNetworks/vnet-a/virtualNetworkPeerings/to-hub`,
      { action: 'reconcile', vnetId: `${NET}/virtualNetworks/vnet-a` },
    ],
    // The hub's side names the spoke only in its body: a read resolves it.
    [
      "the hub's peering write",
      `${HUB}/virtualNetworkPeerings/to-a`,
      { action: 'resolve', resourceId: `${HUB}/virtualNetworkPeerings/to-a` },
    ],
    [
      'a NIC write',
      `${NET}/networkInterfaces/nic-1`,
      { action: 'resolve', resourceId: `${NET}/networkInterfaces/nic-1` },
    ],
    [
      'a load balancer write',
      `${NET}/loadBalancers/lb-1`,
      { action: 'resolve', resourceId: `${NET}/loadBalancers/lb-1` },
    ],
    [
      'a route write (child of a route table)',
      `${NET}/routeTables/rt-1/routes/r1`,
      { action: 'resolve', resourceId: `${NET}/routeTables/rt-1` },
    ],
    [
      'a security rule write (child of an NSG)',
      `${NET}/networkSecurityGroups/nsg-1/securityRules/allow`,
      { action: 'resolve', resourceId: `${NET}/networkSecurityGroups/nsg-1` },
    ],
    ['a public IP write', `${NET}/publicIPAddresses/pip-1`, { action: 'ignore' }],
    // Not in src/config/remediationEvents.json, which the Event Grid subscription filters on too.
    ['a load balancer probe write', `${NET}/loadBalancers/lb-1/probes/p1`, { action: 'ignore' }],
  ])('%s', async (_label, resourceUri, expected) => {
    const event = specEvent(resourceUri);
    expect(await route(event)).toMatchObject(expected);
    expect(await route(asCloudEvent(event))).toMatchObject(expected);
  });

  it('compares ids, tenants and principals case-insensitively', async () => {
    const event = specEvent(
      `${NET}/virtualNetworks/vnet-a`.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'),
      {
        tenantId: EMULATOR_TENANT_ID.toUpperCase(),
      },
    );
    expect(await route(event)).toMatchObject({ action: 'reconcile' });
    expect(
      await route(
        specEvent(`${NET}/networkInterfaces/n`, { principalId: DEFAULT_PRINCIPAL_ID.toUpperCase() }),
      ),
    ).toEqual(expect.objectContaining({ action: 'drop', reason: 'ownWrite' }));
  });

  it('only a deleted VNet releases anything', async () => {
    expect(await route(specEvent(`${NET}/virtualNetworks/vnet-a`, { kind: 'delete' }))).toMatchObject({
      action: 'release',
      vnetId: `${NET}/virtualNetworks/vnet-a`,
    });
    expect(
      await route(specEvent(`${NET}/virtualNetworks/vnet-a/subnets/s1`, { kind: 'delete' })),
    ).toMatchObject({
      action: 'ignore',
    });
  });

  it('a resource group outside a narrowed scope is out of scope', async () => {
    const narrowed = {
      ...ctx,
      scope: { subscriptions: [REFERENCE_SUBSCRIPTION_ID], resourceGroups: ['rg-hub'] },
    };
    expect(await route(specEvent(`${NET}/virtualNetworks/vnet-a`), narrowed)).toMatchObject({
      action: 'drop',
      reason: 'outOfScope',
    });
  });

  // The subscription is an AzureFunction endpoint (infra/app/eventSubscription.bicep): Event Grid validates it
  // through ARM, and a webhook endpoint's handshake is answered by the Functions host before the handler runs.
  // Should a validation event still reach the handler, it is ignored, never reconciled or rejected.
  it('ignores a subscription validation event', async () => {
    const validation = {
      id: 'v-1',
      topic: `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}`,
      subject: '',
      eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
      eventTime: new Date().toISOString(),
      data: { validationCode: 'code', validationUrl: 'https://example.invalid/validate' },
      dataVersion: '2',
      metadataVersion: '1',
    };
    expect(await route(validation)).toMatchObject({ action: 'ignore' });
  });
});
