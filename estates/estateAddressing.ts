import { formatIp } from '../src/arm/cidr';

/** Spokes are carved from 10.1.0.0 up to 10.255.255.255; the hub keeps 10.0.0.0/16. */
const POOL_START = 0x0a010000;
const POOL_END = 0x0b000000;
const RESERVED_PER_SUBNET = 5;
/** Subnets are at least /26, as a real workload subnet would be. */
const MIN_SUBNET_BITS = 6;

export interface EstateAddressing {
  subnetBits: number;
  spokeBits: number;
  poolStart: number;
  /** How many spokes fit in the pool at this size. */
  capacity: number;
}

function bitsFor(count: number): number {
  return Math.ceil(Math.log2(Math.max(1, count)));
}

/**
 * Sizes subnets for `addressesPerSubnet` usable addresses plus Azure's five
 * reserved ones, and spokes as power-of-two blocks of subnets, so no two
 * spokes or subnets can ever overlap.
 */
export function estateAddressing(subnetsPerSpoke: number, addressesPerSubnet: number): EstateAddressing {
  const subnetBits = Math.max(MIN_SUBNET_BITS, bitsFor(addressesPerSubnet + RESERVED_PER_SUBNET));
  const spokeBits = subnetBits + bitsFor(subnetsPerSpoke);
  const block = 2 ** spokeBits;
  const poolStart = Math.ceil(POOL_START / block) * block;
  return {
    subnetBits,
    spokeBits,
    poolStart,
    capacity: Math.max(0, Math.floor((POOL_END - poolStart) / block)),
  };
}

export function ipv4(value: number): string {
  return formatIp('IPv4', BigInt(value));
}

export function ipv4Prefix(value: number, hostBits: number): string {
  return `${ipv4(value)}/${32 - hostBits}`;
}
