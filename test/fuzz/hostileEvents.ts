import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { asCloudEvent, specEvent } from '../src/functions/eventGrid/eventGridKit';

type Json = Record<string, any>;

/** The ids the generators aim at: real resources, an excluded spoke, and our own identity. */
export interface EventTargets {
  subscriptionId: string;
  spokeIds: string[];
  /** resources of a spoke carrying the exclusion tag */
  excludedIds: string[];
  ownPrincipalId: string;
}

export interface EventCase {
  category: string;
  /** what routing may decide for it: anything else is a violation */
  allowed: string[];
  events: unknown[];
}

const DROPPED = ['reject', 'ignore'];

function both(event: Json, cloud: boolean): Json {
  return cloud ? asCloudEvent(event) : event;
}

/** Each category of hostile event, as its own generator (a case may be a burst of several deliveries). */
export function hostileEvents(t: EventTargets): Record<string, fc.Arbitrary<EventCase>> {
  const spoke = fc.constantFrom(...t.spokeIds);
  const resourceIn = (vnetId: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc
      .tuple(vnetId, fc.constantFrom('', '/subnets/snet-app', '/virtualNetworkPeerings/peer-x'))
      .map(([v, s]) => `${v}${s}`);
  const cloud = fc.boolean();
  // Values of the wrong JSON type for every envelope field (all of them are strings).
  const junk = fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  );

  const malformed = fc
    .tuple(
      resourceIn(spoke),
      fc.constantFrom('id', 'eventType', 'eventTime', 'dataVersion', 'data'),
      fc.option(junk),
    )
    .map(([id, field, value]) => {
      const event = specEvent(id);
      if (value === null) delete event[field];
      else event[field] = value;
      return { category: 'malformed envelopes', allowed: DROPPED, events: [event] };
    });
  const notObjects = fc.constantFrom<unknown>(null, 42, 'event', true, [], [{}]).map((e) => ({
    category: 'malformed envelopes',
    allowed: DROPPED,
    events: [e],
  }));

  const wrongSchema = fc.oneof(
    fc
      .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
      .map((e) => ({ category: 'wrong schema', allowed: DROPPED, events: [e] })),
    fc.tuple(resourceIn(spoke), fc.constantFrom('0.3', '2.0', '', 1)).map(([id, version]) => ({
      category: 'wrong schema',
      allowed: DROPPED,
      events: [{ ...asCloudEvent(specEvent(id)), specversion: version }],
    })),
    resourceIn(spoke).map((id) => {
      const { source: _source, ...noSource } = asCloudEvent(specEvent(id));
      return { category: 'wrong schema', allowed: DROPPED, events: [noSource] };
    }),
  );

  const foreignTenant = fc.tuple(resourceIn(spoke), fc.uuid(), cloud).map(([id, tenantId, asCloud]) => ({
    category: 'foreign tenant',
    allowed: ['foreignTenant'],
    events: [both(specEvent(id, { tenantId }), asCloud)],
  }));

  const outOfScope = fc
    .tuple(fc.uuid(), fc.constantFrom('vnet-a', 'vnet-spoke-prod-1'), cloud)
    .map(([sub, name, asCloud]) => ({
      category: 'out-of-scope subscription',
      allowed: ['outOfScope'],
      events: [
        both(
          specEvent(
            `/subscriptions/${sub}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/${name}`,
          ),
          asCloud,
        ),
      ],
    }));

  // Routing can't see tags: an excluded spoke's events may start a reconcile, which must write nothing.
  const excluded = fc
    .tuple(fc.constantFrom(...t.excludedIds), fc.constantFrom<'write' | 'delete'>('write', 'delete'), cloud)
    .map(([id, kind, asCloud]) => ({
      category: 'excluded VNet (dualstack:skip)',
      allowed: ['reconcile', 'resolve', 'ignore', 'release'],
      events: [both(specEvent(id, { kind }), asCloud)],
    }));

  const ownIdentity = fc
    .tuple(resourceIn(spoke), fc.constantFrom('as is', 'upper case', 'no dashes'), cloud)
    .map(([id, form, asCloud]) => {
      const principalId =
        form === 'as is'
          ? t.ownPrincipalId
          : form === 'upper case'
            ? t.ownPrincipalId.toUpperCase()
            : t.ownPrincipalId.replace(/-/g, '');
      return {
        category: 'our own identity',
        allowed: ['ownWrite'],
        events: [both(specEvent(id, { principalId }), asCloud)],
      };
    });

  const duplicates = fc
    .tuple(resourceIn(spoke), fc.integer({ min: 5, max: 25 }), cloud)
    .map(([id, n, asCloud]) => {
      const event = both(specEvent(id), asCloud);
      return {
        category: 'burst of duplicates',
        allowed: ['reconcile', 'resolve'],
        events: new Array<unknown>(n).fill(event),
      };
    });

  const sub = t.subscriptionId;
  const deleted = fc
    .tuple(
      fc.constantFrom(
        `/subscriptions/${sub}/resourceGroups/rg-spoke-prod-1/providers/Microsoft.Network/networkInterfaces/nic-gone`,
        `/subscriptions/${sub}/resourceGroups/rg-spoke-prod-1/providers/Microsoft.Network/loadBalancers/lb-gone/backendAddressPools/be`,
        `/subscriptions/${sub}/resourceGroups/rg-spoke-prod-1/providers/Microsoft.Network/routeTables/rt-gone/routes/r`,
        `/subscriptions/${sub}/resourceGroups/rg-gone/providers/Microsoft.Network/virtualNetworks/vnet-gone`,
        `/subscriptions/${sub}/resourceGroups/rg-gone/providers/Microsoft.Network/virtualNetworks/vnet-gone/subnets/s`,
      ),
      fc.constantFrom<'write' | 'delete'>('write', 'delete'),
      cloud,
    )
    .map(([id, kind, asCloud]) => ({
      category: 'deleted resources',
      allowed: ['resolve', 'ignore', 'release', 'reconcile'],
      events: [both(specEvent(id, { kind }), asCloud)],
    }));

  const mixups = fc
    .tuple(
      resourceIn(spoke),
      fc.constantFrom(
        'type not eventType',
        'eventType in a CloudEvent',
        'data as text',
        'data_base64',
        'both schemas',
      ),
    )
    .map(([id, how]) => {
      const event = specEvent(id);
      const cloudEvent = asCloudEvent(event);
      const mixed =
        how === 'type not eventType'
          ? { ...event, type: event.eventType, eventType: undefined }
          : how === 'eventType in a CloudEvent'
            ? { ...cloudEvent, eventType: event.eventType, type: undefined }
            : how === 'data as text'
              ? { ...event, data: JSON.stringify(event.data) }
              : how === 'data_base64'
                ? {
                    ...cloudEvent,
                    data: undefined,
                    data_base64: Buffer.from(JSON.stringify(event.data)).toString('base64'),
                  }
                : { ...event, ...cloudEvent };
      return {
        category: 'CloudEvents/Event Grid mixups',
        allowed: [...DROPPED, 'reconcile', 'resolve'],
        events: [JSON.parse(JSON.stringify(mixed))],
      };
    });

  const badIds = fc
    .tuple(
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          `/subscriptions/${sub}/resourceGroups/../providers/Microsoft.Network/virtualNetworks/..`,
          `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/networkInterfaces/..%2F..%2Fvnet-hub`,
          `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/networkInterfaces/nic?x=1`,
          `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-😀`,
          `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/${'x'.repeat(5000)}`,
          `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/networkInterfaces/nic\u0000`,
        ),
      ),
      cloud,
    )
    .map(([id, asCloud]) => {
      const event = specEvent(t.spokeIds[0]!);
      event.subject = id;
      event.data.resourceUri = id;
      event.id = randomUUID();
      return {
        category: 'bad ARM ids',
        allowed: [...DROPPED, 'reconcile', 'resolve', 'release'],
        events: [both(event, asCloud)],
      };
    });

  return {
    'malformed envelopes': fc.oneof(malformed, notObjects),
    'wrong schema': wrongSchema,
    'foreign tenant': foreignTenant,
    'out-of-scope subscription': outOfScope,
    'excluded VNet (dualstack:skip)': excluded,
    'our own identity': ownIdentity,
    'burst of duplicates': duplicates,
    'deleted resources': deleted,
    'CloudEvents/Event Grid mixups': mixups,
    'bad ARM ids': badIds,
  };
}
