import type { NetworkManagementClient, SecurityRule } from '@azure/arm-network';
import type { EmulatorHandle } from '../../../../emulator/EmulatorOptions';
import { securityRuleConflict } from '../../../../src/arm/errors/networkSecurityGroupErrors';
import { LOCATION, networkClient, POLL, RG, startTestEmulator } from '../../emulatorTestKit';
import { expectRefusedOnTheWire as expectRefused } from '../expectRefusedOnTheWire';

function rule(name: string, priority: number, direction: 'Inbound' | 'Outbound'): SecurityRule {
  return {
    name,
    priority,
    direction,
    access: 'Allow',
    protocol: 'Tcp',
    sourcePortRange: '*',
    destinationPortRange: '443',
    sourceAddressPrefix: '10.0.0.0/16',
    destinationAddressPrefix: '*',
  };
}

/** SecurityRuleConflict through the unmodified NetworkManagementClient, by NSG PUT and by securityRules PUT. */
describe('NSG rule priorities on the wire', () => {
  let handle: EmulatorHandle;
  let client: NetworkManagementClient;
  beforeAll(async () => {
    handle = await startTestEmulator({ throttling: false });
    client = networkClient(handle);
  });
  afterAll(() => handle.stop());

  const putNsg = (name: string, rules: SecurityRule[]) =>
    client.networkSecurityGroups.beginCreateOrUpdateAndWait(
      RG,
      name,
      { location: LOCATION, securityRules: rules },
      POLL,
    );

  it('refuses an NSG PUT with two rules of one direction at one priority; opposite directions may share it', async () => {
    await expectRefused(
      putNsg('nsg-a', [rule('web', 200, 'Inbound'), rule('ssh', 200, 'Inbound')]),
      securityRuleConflict('web', 'ssh', 'properties.securityRules[1].properties.priority'),
    );
    await expect(client.networkSecurityGroups.get(RG, 'nsg-a')).rejects.toMatchObject({ statusCode: 404 });

    const nsg = await putNsg('nsg-a', [rule('web', 200, 'Inbound'), rule('out', 200, 'Outbound')]);
    expect(nsg.securityRules?.map((r) => [r.name, r.priority, r.direction])).toEqual([
      ['web', 200, 'Inbound'],
      ['out', 200, 'Outbound'],
    ]);
  });

  it('refuses a securityRules PUT onto a taken priority, naming the rule already there, and leaves the NSG as it was', async () => {
    const before = await putNsg('nsg-b', [rule('web', 200, 'Inbound'), rule('out', 300, 'Outbound')]);
    const put = (r: SecurityRule) =>
      client.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg-b', r.name ?? '', r, POLL);
    await expectRefused(
      put(rule('web-ipv6', 200, 'Inbound')),
      securityRuleConflict('web', 'web-ipv6', 'properties.securityRules[2].properties.priority'),
    );
    await expectRefused(
      put(rule('out', 200, 'Inbound')),
      securityRuleConflict('web', 'out', 'properties.securityRules[1].properties.priority'),
    );
    const after = await client.networkSecurityGroups.get(RG, 'nsg-b');
    expect(after.etag).toBe(before.etag);
    expect(after.securityRules?.map((r) => r.name)).toEqual(['web', 'out']);

    const twin = await put(rule('web-ipv6', 201, 'Inbound'));
    expect(twin.priority).toBe(201);
    expect((await put(rule('web-out', 200, 'Outbound'))).direction).toBe('Outbound');
  });
});
