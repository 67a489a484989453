import {
  addressPrefixesFromDifferentAddressFamilies,
  securityRuleConflict,
  securityRuleInvalidAddressPrefix,
} from '../../../../src/arm/errors/networkSecurityGroupErrors';
import { expectRefused, NET, nsg, write } from '../fixtures';

const NSG = `${NET}/networkSecurityGroups/nsg`;

describe('network security group write rules', () => {
  it('accepts single-family rules, and tags or * with either family', () => {
    const ok = nsg('nsg', [
      {
        name: 'v4',
        properties: {
          sourceAddressPrefix: '10.0.0.0/16',
          destinationAddressPrefixes: ['10.1.0.4', '10.2.0.0/24'],
        },
      },
      {
        name: 'v6',
        properties: {
          sourceAddressPrefixes: ['fd00:db8::/48', 'fd00:db9::1'],
          destinationAddressPrefix: '*',
        },
      },
      {
        name: 'tag6',
        properties: { sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'fd00:db8:0:1::/64' },
      },
      {
        name: 'tags',
        properties: { sourceAddressPrefix: 'Storage.WestEurope', destinationAddressPrefix: 'Internet' },
      },
    ]);
    expect(write(ok)).toBeUndefined();
  });

  it('refuses a rule mixing IPv4 and IPv6 prefixes, across source and destination', () => {
    expectRefused(
      write(
        nsg('nsg', [
          {
            name: 'mixed',
            properties: { sourceAddressPrefix: '10.0.0.0/16', destinationAddressPrefix: 'fd00::/8' },
          },
        ]),
      ),
      addressPrefixesFromDifferentAddressFamilies(
        `${NSG}/securityRules/mixed`,
        'properties.securityRules[0].properties',
      ),
    );
    expectRefused(
      write(
        nsg('nsg', [
          { name: 'ok', properties: { sourceAddressPrefix: '*' } },
          { name: 'mixed', properties: { sourceAddressPrefixes: ['10.0.0.0/16', 'fd00::/8'] } },
        ]),
      ),
      addressPrefixesFromDifferentAddressFamilies(
        `${NSG}/securityRules/mixed`,
        'properties.securityRules[1].properties',
      ),
    );
  });

  it('refuses a malformed or host-bit prefix, naming the field', () => {
    expectRefused(
      write(
        nsg('nsg', [
          { name: 'bad', properties: { destinationAddressPrefixes: ['10.0.0.0/24', '50.206.209.68/27'] } },
        ]),
      ),
      securityRuleInvalidAddressPrefix(
        `${NSG}/securityRules/bad`,
        '50.206.209.68/27',
        'properties.securityRules[0].properties.destinationAddressPrefixes[1]',
      ),
    );
    expectRefused(
      write(nsg('nsg', [{ name: 'bad', properties: { sourceAddressPrefix: '10.0.0.300' } }])),
      securityRuleInvalidAddressPrefix(
        `${NSG}/securityRules/bad`,
        '10.0.0.300',
        'properties.securityRules[0].properties.sourceAddressPrefix',
      ),
    );
  });

  it('refuses two rules of one direction at one priority, whatever the case of the direction', () => {
    const rules = [
      { name: 'web', properties: { priority: 200, direction: 'Inbound' } },
      { name: 'out', properties: { priority: 200, direction: 'Outbound' } },
      { name: 'ssh', properties: { priority: 200, direction: 'inbound' } },
    ];
    expectRefused(
      write(nsg('nsg', rules)),
      securityRuleConflict('web', 'ssh', 'properties.securityRules[2].properties.priority'),
    );
    expect(write(nsg('nsg', rules.slice(0, 2)))).toBeUndefined();
  });

  it('names the rule that was already there first, wherever the new one sits in the body', () => {
    const existing = nsg('nsg', [{ name: 'old', properties: { priority: 300 } }]);
    const next = nsg('nsg', [
      { name: 'new', properties: { priority: 300 } },
      { name: 'old', properties: { priority: 300 } },
    ]);
    expectRefused(
      write(next, [], existing),
      securityRuleConflict('old', 'new', 'properties.securityRules[0].properties.priority'),
    );
  });
});
