import { ipVersionField, isStaticAllocation } from '../../../src/arm/ipVersionField';

describe('ipVersionField', () => {
  it.each([
    ['IPv6', 'IPv6'],
    ['ipv6', 'IPv6'],
    ['IPV6', 'IPv6'],
    ['IPv4', 'IPv4'],
    ['ipv4', 'IPv4'],
    ['IPv5', undefined],
    ['', undefined],
    [undefined, undefined],
    [6, undefined],
  ])('reads %p as %p', (value, expected) => {
    expect(ipVersionField(value)).toBe(expected);
  });

  it('reads the allocation method case-insensitively', () => {
    expect(['Static', 'static', 'STATIC'].map(isStaticAllocation)).toEqual([true, true, true]);
    expect(['Dynamic', undefined, 'Statics'].map(isStaticAllocation)).toEqual([false, false, false]);
  });
});
