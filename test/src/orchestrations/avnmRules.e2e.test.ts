import type { LocalStack } from '../../../cli/localStack';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { DUAL_STACK_CHANGES_SCHEMA } from '../../../src/monitor/dualStackChangesSchema';
import { AVNM_TWIN_MARK } from '../../../src/planner/steps/avnmRuleTwins';
import {
  AVNM_ADMIN,
  AVNM_NM,
  AVNM_ROUTING,
  AVNM_SPOKE,
  avnmRulesEstate,
} from '../../helpers/avnmRulesEstate';
import { planNow, runMigration, runRollback, withStack } from '../../helpers/migrationKit';

const ROUTING_TWIN = `${AVNM_ROUTING}/ruleCollections/spokes/rules/to-hub-ipv6`;
const ADMIN_TWIN = `${AVNM_ADMIN}/ruleCollections/base/rules/https-from-hub-ipv6`;

const find = (stack: LocalStack, id: string): ArmResource | undefined =>
  stack.emulator.dump().find((r) => r.id.toLowerCase() === id.toLowerCase());

/** The routes of the route table on the spoke's first subnet (the one AVNM manages). */
function spokeRoutes(stack: LocalStack): { name: string; prefix: string; hop?: string }[] {
  const vnet = find(stack, AVNM_SPOKE);
  const subnet = ((vnet?.properties?.subnets ?? []) as { properties: { routeTable?: { id: string } } }[])[0];
  const table = find(stack, subnet?.properties.routeTable?.id ?? '');
  return ((table?.properties?.routes ?? []) as { name: string; properties: Record<string, string> }[]).map(
    (r) => ({
      name: r.name,
      prefix: r.properties.addressPrefix ?? '',
      hop: r.properties.nextHopIpAddress,
    }),
  );
}

describe('AVNM routing and security admin rules through the orchestrations', () => {
  it('adds the IPv6 twins to the rule collections and commits them, re-plans empty, and a rollback takes them back', async () => {
    await withStack({ topology: avnmRulesEstate(), emulator: { timeScale: 0 } }, async (stack) => {
      const routesBefore = spokeRoutes(stack);
      expect(routesBefore.some((r) => r.name.startsWith('ANM_'))).toBe(true);
      const { result } = await runMigration(stack, 'run-avnm');
      expect(result.outcome).toBe('succeeded');

      const hub = result.vnets.find((v) => v.role === 'hub')?.ipv6Prefix ?? 'x';
      const routingTwin = find(stack, ROUTING_TWIN)?.properties;
      expect(routingTwin).toMatchObject({
        description: `${AVNM_TWIN_MARK}to-hub`,
        destination: { type: 'AddressPrefix', destinationAddress: hub },
        nextHop: { nextHopType: 'VirtualAppliance', nextHopAddress: expect.stringContaining(':') },
      });
      expect(find(stack, ADMIN_TWIN)?.properties).toMatchObject({
        priority: 101,
        sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: hub }],
      });
      // The commit made AVNM route IPv6: its route table on the spoke carries the twin's route now.
      const hop = (routingTwin?.nextHop as { nextHopAddress: string }).nextHopAddress;
      expect(spokeRoutes(stack)).toContainEqual(expect.objectContaining({ prefix: hub, hop }));
      const active = await stack.services
        .clients(AVNM_NM.split('/')[2] ?? '')
        .listActiveSecurityAdminRules('rg-avnm', 'avnm', {
          regions: ['westeurope'],
        });
      expect(active.value?.map((r) => r.id?.split('/').at(-1))).toEqual([
        'https-from-hub',
        'https-from-hub-ipv6',
      ]);

      const rows = stack.monitor
        .ingestedRows(DUAL_STACK_CHANGES_SCHEMA.streamName)
        // this manager's steps (the reference estate's own avnm-hub commits its connectivity too)
        .filter((r) => r.RowType === 'step' && `${String(r.ResourceId)}/`.startsWith(`${AVNM_NM}/`));
      expect(rows.map((r) => [r.ResourceKind, r.Outcome]).sort()).toEqual([
        ['avnmCommit', 'applied'],
        ['avnmCommit', 'applied'],
        ['avnmRoutingRule', 'applied'],
        ['avnmSecurityAdminRule', 'applied'],
      ]);

      // Converged: nothing to twin and nothing to commit again.
      expect((await planNow(stack)).steps).toEqual([]);

      const done = await runRollback(stack, 'rollback-avnm');
      expect(done.outcome).toBe('succeeded');
      expect(find(stack, ROUTING_TWIN)).toBeUndefined();
      expect(find(stack, ADMIN_TWIN)).toBeUndefined();
      // Committed again without the twins: AVNM's table is back to its IPv4 routes.
      expect(spokeRoutes(stack)).toEqual(routesBefore);
    });
  }, 180_000);
});
