import { canonicalPrefix } from '../../../src/planner/prefixes';

describe('canonicalPrefix', () => {
  it('gives RFC 5952 text for IPv6, the block for IPv4, and lower case for anything else', () => {
    expect(canonicalPrefix('FD00:0DB8:0000:0000:0000:0000:0000:0000/56')).toBe('fd00:db8::/56');
    expect(canonicalPrefix('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(canonicalPrefix('VirtualNetwork')).toBe('virtualnetwork');
    expect(canonicalPrefix('*')).toBe('*');
  });

  it('answers the same for a text it has seen before, and keeps answering right past its memory bound', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `FD00:${i.toString(16).toUpperCase()}:0:0::/64`);
    const first = texts.map(canonicalPrefix);
    expect(first[0]).toBe('fd00::/64');
    expect(first[4999]).toBe('fd00:1387::/64');
    expect(texts.map(canonicalPrefix)).toEqual(first);
    expect(canonicalPrefix('FD00:0DB8::/56')).toBe('fd00:db8::/56');
  });
});
