import fc from 'fast-check';
import {
  contains,
  formatCidr,
  formatIp,
  ipVersionOf,
  isCanonical,
  lastAddress,
  overlaps,
  parseCidr,
  parseIp,
  sizeOf,
  type Cidr,
} from '../../../src/arm/cidr';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test fixture ${text} does not parse`);
  return parsed;
}

describe('parseIp', () => {
  it.each([
    ['10.0.0.1', 'IPv4', 0x0a000001n],
    ['255.255.255.255', 'IPv4', 0xffffffffn],
    ['0.0.0.0', 'IPv4', 0n],
    ['::', 'IPv6', 0n],
    ['::1', 'IPv6', 1n],
    ['fd00:db8::', 'IPv6', 0xfd000db8n << 96n],
    ['FD00:DB8:0:0:0:0:0:1', 'IPv6', (0xfd000db8n << 96n) | 1n],
    ['1:2:3:4:5:6:7::', 'IPv6', 0x0001000200030004000500060007_0000n],
    ['::ffff:10.0.0.1', 'IPv6', 0xffff0a000001n],
  ] as const)('%s is %s', (text, version, value) => {
    expect(parseIp(text)).toEqual({ version, value });
  });

  it.each([
    '',
    '10.0.0',
    '10.0.0.256',
    '10.0.0.01',
    '10.0.0.1.2',
    ' 10.0.0.1',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':1::',
    '1:2:3:4:5:6:7:8::',
    'fe80::1%eth0',
    '12345::',
    'g::1',
    '1.2.3.4::',
    'abc',
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it('keeps the written address and the masked network', () => {
    expect(parseCidr('10.0.0.1/24')).toEqual({
      version: 'IPv4',
      address: 0x0a000001n,
      network: 0x0a000000n,
      length: 24,
    });
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/024', 'fd00::/129', 'fd00::/-1', '/24', 'x/24'])(
    'refuses %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it('accepts the extremes', () => {
    expect(parseCidr('0.0.0.0/0')?.length).toBe(0);
    expect(parseCidr('::/0')?.network).toBe(0n);
    expect(parseCidr('::1/128')?.network).toBe(1n);
  });
});

describe('isCanonical', () => {
  it.each([
    ['10.0.0.0/24', true],
    ['10.0.0.1/24', false],
    ['10.0.0.1/32', true],
    ['fd00:db8:0:1::/64', true],
    ['fd00:db8:0:1::1/64', false],
    ['fd00:db8::/48', true],
    ['fd00:db8:1::/47', false],
  ])('%s -> %s', (text, expected) => {
    expect(isCanonical(cidr(text))).toBe(expected);
  });
});

describe('formatIp (RFC 5952 for IPv6)', () => {
  it.each([
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['fd00:db8:0:0:1:0:0:0', 'fd00:db8:0:0:1::'],
  ])('%s -> %s', (text, expected) => {
    const ip = parseIp(text);
    expect(ip && formatIp(ip.version, ip.value)).toBe(expected);
  });

  it('formats IPv4 dotted quad', () => {
    expect(formatIp('IPv4', 0x0a010203n)).toBe('10.1.2.3');
  });

  it('formatCidr clears host bits', () => {
    expect(formatCidr(cidr('10.1.2.3/16'))).toBe('10.1.0.0/16');
    expect(formatCidr(cidr('FD00:0DB8:0001:0002::5/48'))).toBe('fd00:db8:1::/48');
  });

  it('round-trips every IPv6 value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        expect(parseIp(formatIp('IPv6', value))).toEqual({ version: 'IPv6', value });
      }),
    );
  });

  it('round-trips every IPv4 value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (value) => {
        expect(parseIp(formatIp('IPv4', value))).toEqual({ version: 'IPv4', value });
      }),
    );
  });
});

describe('contains / overlaps', () => {
  it('contains nested blocks and addresses of the same version only', () => {
    expect(contains(cidr('10.0.0.0/16'), cidr('10.0.3.0/24'))).toBe(true);
    expect(contains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
    expect(contains(cidr('10.0.0.0/24'), cidr('10.0.0.0/16'))).toBe(false);
    expect(contains(cidr('10.0.0.0/16'), cidr('10.0.0.0/16'))).toBe(true);
    expect(contains(cidr('fd00:db8::/48'), cidr('fd00:db8:0:ff::/64'))).toBe(true);
    expect(contains(cidr('fd00:db8::/48'), cidr('fd00:db9::/64'))).toBe(false);
    expect(contains(cidr('0.0.0.0/0'), cidr('::/0'))).toBe(false);
    const address = parseIp('10.0.0.7');
    expect(address && contains(cidr('10.0.0.0/29'), address)).toBe(true);
    expect(address && contains(cidr('10.0.0.8/29'), address)).toBe(false);
  });

  it('overlaps when one block holds the other, not when they are adjacent or of different versions', () => {
    expect(overlaps(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(overlaps(cidr('10.0.255.0/24'), cidr('10.0.0.0/16'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/25'), cidr('10.0.0.128/25'))).toBe(false);
    expect(overlaps(cidr('fd00::/8'), cidr('fd12:3456::/64'))).toBe(true);
    expect(overlaps(cidr('0.0.0.0/0'), cidr('::/0'))).toBe(false);
  });

  it('overlaps agrees with interval arithmetic', () => {
    const block = fc
      .tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 }))
      .map(([value, length]) => cidr(`${formatIp('IPv4', value)}/${length}`));
    fc.assert(
      fc.property(block, block, (a, b) => {
        const expected = a.network <= lastAddress(b) && b.network <= lastAddress(a);
        expect(overlaps(a, b)).toBe(expected);
        expect(contains(a, b)).toBe(a.network <= b.network && lastAddress(b) <= lastAddress(a));
      }),
    );
  });

  it('sizeOf and ipVersionOf', () => {
    expect(sizeOf(cidr('10.0.0.0/29'))).toBe(8n);
    expect(sizeOf(cidr('fd00::/64'))).toBe(1n << 64n);
    expect(ipVersionOf('10.0.0.4')).toBe('IPv4');
    expect(ipVersionOf('fd00::/64')).toBe('IPv6');
    expect(ipVersionOf('VirtualNetwork')).toBeUndefined();
    expect(ipVersionOf('*')).toBeUndefined();
  });
});
