import {
  invalidAddressPrefixFormat,
  invalidCidrNotation,
} from '../../../../src/arm/errors/virtualNetworkErrors';
import {
  invalidNextHopIpAddress,
  ipv6RouteVirtualNetworkGatewayNextHopNotSupported,
  routeNextHopIpVersionMismatch,
} from '../../../../src/arm/errors/routeTableErrors';
import { expectRefused, NET, routeTable, write } from '../fixtures';

const RT = `${NET}/routeTables/rt`;

describe('route table write rules', () => {
  it('accepts IPv4 and IPv6 routes to appliances of their own version, and service tags', () => {
    const ok = routeTable('rt', [
      { name: 'v4', prefix: '0.0.0.0/0', type: 'VirtualAppliance', nextHop: '10.0.1.4' },
      { name: 'v6', prefix: '::/0', type: 'VirtualAppliance', nextHop: 'fd00:db8:0:1::4' },
      { name: 'v6-internet', prefix: '2001:db8::/32', type: 'Internet' },
      { name: 'tag', prefix: 'AzureCloud', type: 'Internet' },
      { name: 'gw4', prefix: '192.168.0.0/16', type: 'VirtualNetworkGateway' },
    ]);
    expect(write(ok)).toBeUndefined();
  });

  it('refuses an IPv6 route whose next hop is IPv4, and the reverse', () => {
    expectRefused(
      write(
        routeTable('rt', [{ name: 'v6', prefix: '::/0', type: 'VirtualAppliance', nextHop: '10.0.1.4' }]),
      ),
      routeNextHopIpVersionMismatch(
        `${RT}/routes/v6`,
        'IPv6',
        '10.0.1.4',
        'IPv4',
        'properties.routes[0].properties.nextHopIpAddress',
      ),
    );
    expectRefused(
      write(
        routeTable('rt', [
          { name: 'v4', prefix: '10.2.0.0/16', type: 'VirtualAppliance', nextHop: 'fd00::4' },
        ]),
      ),
      routeNextHopIpVersionMismatch(
        `${RT}/routes/v4`,
        'IPv4',
        'fd00::4',
        'IPv6',
        'properties.routes[0].properties.nextHopIpAddress',
      ),
    );
  });

  it('refuses VirtualNetworkGateway as next hop of an IPv6 route', () => {
    expectRefused(
      write(routeTable('rt', [{ name: 'v6', prefix: 'fd00:1::/48', type: 'VirtualNetworkGateway' }])),
      ipv6RouteVirtualNetworkGatewayNextHopNotSupported(
        `${RT}/routes/v6`,
        'properties.routes[0].properties.nextHopType',
      ),
    );
  });

  it('refuses a malformed route prefix or next hop address', () => {
    expectRefused(
      write(routeTable('rt', [{ name: 'bad', prefix: '10.0.0/16', type: 'None' }])),
      invalidAddressPrefixFormat(
        '10.0.0/16',
        `${RT}/routes/bad`,
        'properties.routes[0].properties.addressPrefix',
      ),
    );
    expectRefused(
      write(routeTable('rt', [{ name: 'bits', prefix: 'fd00::1/64', type: 'None' }])),
      invalidCidrNotation(
        'fd00::1/64',
        `${RT}/routes/bits`,
        'fd00::/64',
        'properties.routes[0].properties.addressPrefix',
      ),
    );
    expectRefused(
      write(
        routeTable('rt', [{ name: 'hop', prefix: '::/0', type: 'VirtualAppliance', nextHop: 'fd00::g' }]),
      ),
      invalidNextHopIpAddress(
        `${RT}/routes/hop`,
        'fd00::g',
        'properties.routes[0].properties.nextHopIpAddress',
      ),
    );
  });
});
