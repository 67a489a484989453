import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { FaultRule } from '../../../emulator/EmulatorOptions';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { idKey, sameId } from '../../../src/arm/resourceId';
import { DualstackError } from '../../../src/azure/DualstackError';
import { getResource } from '../../../src/azure/getResource';
import { networkResourceType } from '../../../src/azure/networkResourceTypes';
import { putResource } from '../../../src/azure/putResource';
import { startNetworkEmulator, type NetworkEmulator } from './emulatorClients';

const SUB = REFERENCE_SUBSCRIPTION_ID;
const FAST = { updateIntervalInMs: 5 };

/** The resource with every etag (its own and its children's) removed: what a no-op write must leave alone. */
function withoutEtags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEtags);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'etag')
      .map(([k, v]) => [k, withoutEtags(v)]),
  );
}

/**
 * `after` cut down to the fields `before` has. The emulator, like ARM, fills in server-side fields
 * a seeded resource may lack (resourceGuid, a circuit peering's Azure ports); what a round trip
 * must never do is lose or change a field that was there.
 */
function onto(before: unknown, after: unknown): unknown {
  if (Array.isArray(before)) return Array.isArray(after) ? before.map((b, i) => onto(b, after[i])) : after;
  if (before === null || typeof before !== 'object' || after === null || typeof after !== 'object')
    return after;
  const a = after as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(before)
      .filter((k) => k in a)
      .map((k) => [k, onto((before as Record<string, unknown>)[k], a[k])]),
  );
}

const stored = (net: NetworkEmulator, id: string): ArmResource | undefined =>
  net.emulator.dump().find((r) => sameId(r.id, id));
const firstOfType = (net: NetworkEmulator, type: string): ArmResource => {
  const found = net.emulator.dump().find((r) => r.type === type);
  if (!found) throw new Error(`the reference topology has no ${type}`);
  return found;
};
const errorOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('putResource and getResource against the emulator', () => {
  let net: NetworkEmulator;

  beforeEach(async () => {
    net = await startNetworkEmulator({ topology: referenceTopology() });
  });
  afterEach(async () => {
    await net.emulator.stop();
  });

  it('GET returns the stored resource exactly; GET→PUT of every written reference resource changes nothing', async () => {
    const written = net.emulator.dump().filter((r) => networkResourceType(r.type)?.put);
    expect(new Set(written.map((r) => r.type)).size).toBeGreaterThanOrEqual(5);
    for (const before of written) {
      const read = await getResource(net.clients, before.id);
      expect(read).toEqual(before);
      const after = await putResource(net.clients, read, { ...FAST, ifMatch: read.etag });
      expect(after.id).toBe(before.id);
      expect(after.properties?.provisioningState).toBe('Succeeded');
      // every field that was there, IPv4 included, is still there and unchanged; only etags move
      const now = stored(net, before.id);
      expect(withoutEtags(onto(before, now))).toEqual(withoutEtags(before));
      expect(after).toEqual(now);
      // and a second round trip is a fixed point: nothing at all changes but etags
      const again = await putResource(net.clients, await getResource(net.clients, before.id), { ...FAST });
      expect(withoutEtags(again)).toEqual(withoutEtags(now));
    }
    expect(net.emulator.writeLog().filter((w) => w.method === 'PUT')).toHaveLength(2 * written.length);
  });

  it('round-trips inline children through their own typed operations: a VNet peering and an ExpressRoute peering', async () => {
    const dump = net.emulator.dump();
    const peering = dump.flatMap(
      (r) => (r.properties?.virtualNetworkPeerings as ArmResource[] | undefined) ?? [],
    )[0];
    const erPeering = dump.flatMap((r) => (r.properties?.peerings as ArmResource[] | undefined) ?? [])[0];
    for (const child of [peering, erPeering]) {
      if (!child) throw new Error('the reference topology lacks a peering');
      const read = await getResource(net.clients, child.id);
      expect(read).toEqual(child);
      const after = await putResource(net.clients, read, { ...FAST, ifMatch: read.etag });
      expect(withoutEtags(onto(child, after))).toEqual(withoutEtags(child));
      const again = await putResource(net.clients, after, { ...FAST });
      expect(withoutEtags(again)).toEqual(withoutEtags(after));
    }
  });

  it('sends If-Match on the PUT only, never on the polls or the final GET, and waits for the operation', async () => {
    await net.emulator.stop();
    net = await startNetworkEmulator({
      topology: referenceTopology(),
      timeScale: 0.01,
      latencyMs: { 'microsoft.network/networkinterfaces': 3000 },
    });
    const seen: { method: string; path: string; ifMatch?: string }[] = [];
    const recorder: PipelinePolicy = {
      name: 'recordWire',
      sendRequest(request, next) {
        seen.push({
          method: request.method,
          path: new URL(request.url).pathname,
          ifMatch: request.headers.get('If-Match'),
        });
        return next(request);
      },
    };
    net.clients(SUB).pipeline.addPolicy(recorder, { phase: 'Retry' });
    const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
    const tagged = { ...nic, tags: { ...nic.tags, owner: 'netops' } };
    const after = await putResource(net.clients, tagged, { ...FAST, ifMatch: nic.etag });

    expect(after.tags?.owner).toBe('netops');
    expect(after.properties?.provisioningState).toBe('Succeeded');
    expect(after.etag).not.toBe(nic.etag);
    expect(stored(net, nic.id)?.etag).toBe(after.etag);
    expect(seen[0]).toEqual({ method: 'PUT', path: nic.id, ifMatch: nic.etag });
    const polls = seen.slice(1);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.method === 'GET' && r.ifMatch === undefined)).toBe(true);
    const finishedAt = net.emulator.writeLog().find((w) => sameId(w.resourceId, nic.id))?.finishedAt;
    expect(finishedAt).toBeDefined();
  });

  it('fails a PUT with a stale etag with a terminal 412 PreconditionFailed and writes nothing', async () => {
    const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
    await putResource(net.clients, { ...nic, tags: { human: 'edit' } }, { ...FAST, ifMatch: nic.etag });
    const current = stored(net, nic.id);
    const err = await errorOf(putResource(net.clients, nic, { ...FAST, ifMatch: nic.etag }));
    expect(err).toBeInstanceOf(DualstackError);
    expect(err).toMatchObject({
      code: 'PreconditionFailed',
      status: 412,
      retryable: false,
      resourceId: nic.id,
      innerCodes: ['PreconditionFailedEtagMismatch'],
    });
    expect(stored(net, nic.id)).toEqual(current);
  });

  it('syncs a peering with syncRemoteAddressSpace=true', async () => {
    const dump = net.emulator.dump();
    const hub = dump.find(
      (r) =>
        r.type === 'Microsoft.Network/virtualNetworks' &&
        ((r.properties?.virtualNetworkPeerings as unknown[] | undefined) ?? []).length > 1,
    ) as ArmResource;
    const hubSpace = hub.properties?.addressSpace as { addressPrefixes: string[] };
    await putResource(
      net.clients,
      {
        ...hub,
        properties: {
          ...hub.properties,
          addressSpace: { addressPrefixes: [...hubSpace.addressPrefixes, 'fd00:db8::/56'] },
        },
      },
      { ...FAST, ifMatch: hub.etag },
    );
    const spokePeering = net.emulator
      .dump()
      .flatMap((r) => (r.properties?.virtualNetworkPeerings as ArmResource[] | undefined) ?? [])
      .find((p) => sameId((p.properties?.remoteVirtualNetwork as { id?: string } | undefined)?.id, hub.id));
    if (!spokePeering) throw new Error('no spoke peers with the hub');
    expect(spokePeering.properties?.peeringSyncLevel).toBe('LocalNotInSync');

    const synced = await putResource(net.clients, spokePeering, { ...FAST, syncRemoteAddressSpace: true });
    expect(synced.properties?.peeringSyncLevel).toBe('FullyInSync');
    expect(
      (synced.properties?.remoteAddressSpace as { addressPrefixes: string[] }).addressPrefixes,
    ).toContain('fd00:db8::/56');
  });

  describe('classifies injected faults', () => {
    const nicFault = (fault: FaultRule['fault']): FaultRule[] => [
      { operation: 'write', resourceType: 'Microsoft.Network/networkInterfaces', probability: 1, fault },
    ];

    it.each([
      ['http500', { code: 'InternalServerError', status: 500, retryable: true }],
      ['http503', { code: 'ServiceUnavailable', status: 503, retryable: true }],
      ['http429', { retryable: true, status: 429 }],
      ['drop', { code: 'ConnectionDropped', retryable: true }],
      ['lroFailed', { code: 'InternalServerError', retryable: true }],
    ] as const)('%s', async (fault, expected) => {
      const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
      net.emulator.setFaults(nicFault(fault));
      const err = await errorOf(putResource(net.clients, nic, { ...FAST, ifMatch: nic.etag }));
      expect(err).toBeInstanceOf(DualstackError);
      expect(err).toMatchObject({ ...expected, resourceId: nic.id });
      if (fault === 'lroFailed' || fault === 'drop') expect((err as DualstackError).status).toBeUndefined();
    });

    it('leaves a long Retry-After to the orchestration: no SDK sleep, the wait travels in the error', async () => {
      await net.emulator.stop();
      net = await startNetworkEmulator(
        { topology: referenceTopology() },
        { retryOptions: { maxRetries: 2, retryDelayInMs: 1 }, maxInlineRetryAfterMs: 500 },
      );
      const sent: string[] = [];
      net
        .clients(SUB)
        .pipeline.addPolicy(
          { name: 'countSends', sendRequest: (req, next) => (sent.push(req.method), next(req)) },
          { phase: 'Retry' },
        );
      const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
      net.emulator.setFaults(nicFault('http429'));
      const err = await errorOf(putResource(net.clients, nic, { ...FAST }));
      // the injected 429 asks for 1 s, over the 500 ms inline limit: one attempt, no sleep
      expect(sent).toEqual(['PUT']);
      expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 1000 });
    });

    it('lets the SDK ride over a single blip with its own retries', async () => {
      await net.emulator.stop();
      net = await startNetworkEmulator(
        { topology: referenceTopology(), seed: 7 },
        { retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 } },
      );
      const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
      net.emulator.setFaults([{ ...nicFault('http500')[0]!, probability: 0.5 }]);
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () => putResource(net.clients, nic, { ...FAST })),
      );
      // with p=0.5 per attempt and 3 attempts, most writes get through; any failure is still classified
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ retryable: true });
    });
  });

  it('classifies an abort and a missing resource', async () => {
    const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
    const aborted = await errorOf(putResource(net.clients, nic, { abortSignal: AbortSignal.abort() }));
    expect(aborted).toMatchObject({ code: 'Aborted', retryable: true, resourceId: nic.id });
    const missing = `${nic.id}-gone`;
    const notFound = await errorOf(getResource(net.clients, missing));
    expect(notFound).toMatchObject({ status: 404, retryable: false, resourceId: missing });
    expect(idKey((notFound as DualstackError).resourceId ?? '')).toBe(idKey(missing));
  });

  it('rejects bad input before anything is sent, naming the field', async () => {
    const nic = firstOfType(net, 'Microsoft.Network/networkInterfaces');
    const firewall = firstOfType(net, 'Microsoft.Network/azureFirewalls');
    await expect(putResource(net.clients, { ...nic, id: 'nope' })).rejects.toThrow(
      /body.id: 'nope' is not an ARM resource id/,
    );
    await expect(
      putResource(net.clients, { ...nic, type: 'Microsoft.Network/loadBalancers' }),
    ).rejects.toThrow(/body.type: 'Microsoft.Network\/loadBalancers' does not match/);
    await expect(putResource(net.clients, firewall)).rejects.toThrow(/never writes/);
    await expect(putResource(net.clients, nic, { syncRemoteAddressSpace: true })).rejects.toThrow(
      /options.syncRemoteAddressSpace/,
    );
    await expect(putResource(net.clients, nic, { ifMatch: '' })).rejects.toThrow(/options.ifMatch/);
    await expect(
      putResource(net.clients, { ...nic, properties: { ...nic.properties, futureFeature: 1 } }),
    ).rejects.toMatchObject({ code: 'UnmappedProperties', retryable: false });
    await expect(
      getResource(
        net.clients,
        `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`,
      ),
    ).rejects.toThrow(
      /resourceId: .* is a Microsoft.Compute\/virtualMachines, which the access layer does not handle/,
    );
    expect(net.emulator.writeLog()).toHaveLength(0);
  });
});
