import { ArmError } from './ArmError';

// Microsoft.Network/networkManagers/ipamPools and their staticCidrs (api-version 2025-05-01). No public
// trace or document gives the codes of these refusals: statuses and codes are ours (inferred), as
// emulator/validation/RULES.md says.

export function invalidIpamPrefix(field: string, value: unknown, problem: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidAddressPrefix',
    message: `${field}: ${JSON.stringify(value)} ${problem}.`,
    target: field,
  });
}

export function staticCidrAmountAmbiguous(): ArmError {
  return new ArmError(400, {
    code: 'InvalidRequestContent',
    message:
      'properties: give exactly one of addressPrefixes and numberOfIPAddressesToAllocate for a static CIDR.',
    target: 'properties.addressPrefixes',
  });
}

export function invalidNumberOfIpAddresses(value: unknown): ArmError {
  return new ArmError(400, {
    code: 'InvalidRequestContent',
    message: `properties.numberOfIPAddressesToAllocate: ${JSON.stringify(value)} must be a power of two, written as a decimal string (e.g. "256").`,
    target: 'properties.numberOfIPAddressesToAllocate',
  });
}

export function prefixOutsidePool(
  field: string,
  prefix: string,
  poolId: string,
  poolPrefixes: string[],
): ArmError {
  return new ArmError(400, {
    code: 'IpamPoolPrefixOutOfRange',
    message: `${field}: ${prefix} is not inside the address prefixes of pool ${poolId.split('/').at(-1) ?? poolId} (${poolPrefixes.join(', ')}).`,
    target: field,
  });
}

export function prefixAlreadyAllocated(
  field: string,
  prefix: string,
  holderId: string,
  held: string,
): ArmError {
  return new ArmError(409, {
    code: 'IpamPoolPrefixAlreadyAllocated',
    message: `${field}: ${prefix} overlaps ${held}, already allocated from the pool to ${holderId}.`,
    target: field,
  });
}

export function ipamPoolExhausted(poolId: string, count: string): ArmError {
  return new ArmError(409, {
    code: 'IpamPoolExhausted',
    message: `Pool ${poolId.split('/').at(-1) ?? poolId} has no free block of ${count} addresses.`,
    target: 'properties.numberOfIPAddressesToAllocate',
  });
}

export function ipamPoolInUse(poolId: string, users: readonly string[]): ArmError {
  return new ArmError(409, {
    code: 'IpamPoolInUse',
    message: `Pool ${poolId.split('/').at(-1) ?? poolId} can't be deleted or shrunk while allocations use it: ${users.join(', ')}.`,
    target: poolId,
  });
}
