import type { LocalStack } from '../../../cli/localStack';
import { REFERENCE_SUBSCRIPTION_ID } from '../../../estates/referenceLayout';
import { referenceTopology } from '../../../estates/referenceTopology';
import { anmPeeringNames } from '../../../estates/builders/networkManager';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { peeringManagedByNetworkManager } from '../../../src/arm/errors/networkManagerErrors';
import { getResource } from '../../../src/azure/getResource';
import { putResource } from '../../../src/azure/putResource';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { ipv4Changes, planNow, runMigration, runRollback, withStack } from '../../helpers/migrationKit';

const NET = (rg: string) =>
  `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/${rg}/providers/Microsoft.Network`;
const HUB = `${NET('rg-hub')}/virtualNetworks/vnet-hub`;
const SPOKE_RG = 'rg-spoke-nonprod-2';
const SPOKE = `${NET(SPOKE_RG)}/virtualNetworks/vnet-spoke-nonprod-2`;
const NM = `${NET('rg-avnm')}/networkManagers/avnm-hub`;
const ANM = anmPeeringNames('vnet-spoke-nonprod-2', 'vnet-hub');
const CONFIG = `${NM}/connectivityConfigurations/cc-hub-spoke`;

interface Child {
  name: string;
  properties: Record<string, unknown>;
}

const get = (stack: LocalStack, id: string): ArmResource | undefined =>
  stack.emulator.dump().find((r) => r.id.toLowerCase() === id.toLowerCase());

const children = (r: ArmResource | undefined, collection: string): Child[] =>
  (r?.properties?.[collection] ?? []) as Child[];

/** The remote address space AVNM's peering on each side shows: hub -> spoke, then spoke -> hub. */
function anmRemoteSpaces(stack: LocalStack): string[][] {
  return [
    [HUB, ANM.fromHub],
    [SPOKE, ANM.toHub],
  ].map(([vnet, name]) => {
    const p = children(get(stack, vnet ?? ''), 'virtualNetworkPeerings').find((c) => c.name === name);
    return ((p?.properties.remoteAddressSpace as { addressPrefixes?: string[] }) ?? {}).addressPrefixes ?? [];
  });
}

/** Every NIC ip configuration and load balancer frontend of the AVNM spoke, by IP version. */
function spokeVersions(stack: LocalStack): { nics: string[][]; lbs: string[][] } {
  const inSpoke = (type: string) =>
    stack.emulator.dump().filter((r) => r.type === type && r.id.includes(`/resourceGroups/${SPOKE_RG}/`));
  const version = (c: Child) => (c.properties.privateIPAddressVersion as string | undefined) ?? 'IPv4';
  return {
    nics: inSpoke('Microsoft.Network/networkInterfaces').map((n) =>
      children(n, 'ipConfigurations').map(version).sort(),
    ),
    lbs: inSpoke('Microsoft.Network/loadBalancers').map((lb) =>
      children(lb, 'frontendIPConfigurations').map(version).sort(),
    ),
  };
}

/**
 * One Connectivity commit, started after the hub's and the spoke's address spaces were written, and no direct
 * write to AVNM's peerings: the commit rewrites them with each remote's address space.
 */
function expectCommitAfterAddressSpaces(stack: LocalStack): void {
  const log = stack.emulator.writeLog().filter((w) => w.status < 300);
  const commits = log.filter((w) => w.method === 'POST' && w.resourceId.endsWith('/commit'));
  expect(commits.map((w) => w.resourceId)).toEqual([`${NM}/commit`]);
  const vnetPuts = log.filter((w) => w.method === 'PUT' && [HUB, SPOKE].includes(w.resourceId));
  expect(vnetPuts).toHaveLength(2);
  for (const put of vnetPuts) expect(put.finishedAt).toBeLessThanOrEqual(commits[0]?.startedAt ?? 0);
  expect(log.filter((w) => w.resourceId.includes('/virtualNetworkPeerings/ANM_'))).toEqual([]);
}

/** The reference estate with cc-hub-spoke's peerings enforced (or not) by AVNM. */
function estateWith(peeringEnforcement: 'Unenforced' | 'Enforced'): ArmResource[] {
  const topology = referenceTopology();
  const configs = topology.filter(
    (r) => r.type === 'Microsoft.Network/networkManagers/connectivityConfigurations',
  );
  expect(configs).toHaveLength(1);
  for (const c of configs) {
    const p = (c.properties ??= {});
    p.connectivityCapabilities = {
      ...(p.connectivityCapabilities as Record<string, unknown> | undefined),
      peeringEnforcement,
    };
  }
  return topology;
}

describe('the AVNM-connected spoke through the orchestrations', () => {
  it.each(['Unenforced', 'Enforced'] as const)(
    'with peerings %s: commits cc-hub-spoke after both address spaces so AVNM syncs its peerings, re-runs with zero writes, and a rollback commits it again to the IPv4 form',
    async (enforcement) => {
      await withStack({ topology: estateWith(enforcement), emulator: { timeScale: 0 } }, async (stack) => {
        const before = stack.emulator.dump();
        const ipv4Spaces = anmRemoteSpaces(stack);
        expect(ipv4Spaces.flat().some((p) => p.includes(':'))).toBe(false);
        const { result } = await runMigration(stack, 'run-avnm-spoke');
        expect(result.outcome).toBe('succeeded');
        const block = (id: string) => result.vnets.find((v) => v.vnetId === id)?.ipv6Prefix ?? 'none';

        // One commit, started after the hub's and the spoke's address spaces were written.
        expectCommitAfterAddressSpaces(stack);
        const [hubSide, spokeSide] = anmRemoteSpaces(stack);
        expect(hubSide).toEqual([...(ipv4Spaces[0] ?? []), block(SPOKE)]);
        expect(spokeSide).toEqual([...(ipv4Spaces[1] ?? []), block(HUB)]);

        // The spoke's NICs and load balancer are dual-stack, IPv4 is as it was everywhere.
        const { nics, lbs } = spokeVersions(stack);
        expect(nics).toHaveLength(3);
        expect(lbs).toHaveLength(1);
        for (const versions of [...nics, ...lbs]) expect(versions).toEqual(['IPv4', 'IPv6']);
        expect(ipv4Changes(stack, before)).toEqual([]);

        const rows = stack.monitor
          .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
          .filter((r) => r.RowType === 'step' && r.ResourceKind === 'avnmCommit');
        expect(rows.map((r) => [r.RunId, r.ResourceId, r.Action, r.Outcome])).toEqual([
          ['run-avnm-spoke', NM, 'addIpv6', 'applied'],
        ]);

        // Enforced peerings are AVNM's alone: the direct write the run never made would have been refused.
        if (enforcement === 'Enforced') {
          const peering = await getResource(
            stack.services.clients,
            `${SPOKE}/virtualNetworkPeerings/${ANM.toHub}`,
          );
          await expect(
            putResource(stack.services.clients, peering, { updateIntervalInMs: 5 }),
          ).rejects.toMatchObject({
            code: peeringManagedByNetworkManager(peering.id, CONFIG).code,
          });
        }

        // Converged: the peerings carry IPv6, so nothing to commit again, and a re-run writes nothing.
        expect((await planNow(stack)).steps).toEqual([]);
        stack.emulator.clearWriteLog();
        const again = await runMigration(stack, 'run-avnm-spoke-again');
        expect(again.result.outcome).not.toBe('failed');
        expect(stack.emulator.writeLog()).toEqual([]);

        // Rollback: both address spaces lose their /56 first, then cc-hub-spoke is deployed again, so AVNM's
        // peerings show the IPv4 spaces only; everything there was is back in its IPv4 form.
        const done = await runRollback(stack, 'rollback-avnm-spoke');
        expect(done.outcome).toBe('succeeded');
        expectCommitAfterAddressSpaces(stack);
        expect(anmRemoteSpaces(stack)).toEqual(ipv4Spaces);
        expect(ipv4Changes(stack, before)).toEqual([]);
        expect(stack.emulator.dump()).toHaveLength(before.length);
        const rollbackRows = stack.monitor
          .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
          .filter((r) => r.RunId === 'rollback-avnm-spoke' && r.ResourceKind === 'avnmCommit');
        expect(rollbackRows.map((r) => [r.ResourceId, r.Action, r.Outcome])).toEqual([
          [NM, 'removeIpv6', 'applied'],
        ]);
      });
    },
    120_000,
  );
});
