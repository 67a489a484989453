import { ArmError } from './ArmError';

// Rulebook §3 documents these limits but no public trace of Azure's codes was found, so the codes are ours.

export function primaryIpConfigurationMustBeIPv4(
  nicId: string,
  ipConfigurationId: string,
  target: string,
): ArmError {
  return new ArmError(400, {
    code: 'PrimaryIpConfigurationMustBeIPv4',
    message: `Primary ip configuration ${ipConfigurationId} of network interface ${nicId} is IPv6. The primary ip configuration must be IPv4; put IPv6 on a secondary ip configuration.`,
    target,
  });
}

export function onlyOneIPv6IpConfigurationAllowed(nicId: string, count: number, target: string): ArmError {
  return new ArmError(400, {
    code: 'OnlyOneIPv6IpConfigurationAllowedPerNetworkInterface',
    message: `Network interface ${nicId} has ${count} IPv6 ip configurations. A network interface can have at most one IPv6 ip configuration.`,
    target,
  });
}

export function networkInterfaceMustHaveIPv4IpConfiguration(nicId: string, target: string): ArmError {
  return new ArmError(400, {
    code: 'NetworkInterfaceMustHaveIPv4IpConfiguration',
    message: `Network interface ${nicId} has no IPv4 ip configuration. IPv6-only network interfaces are not supported.`,
    target,
  });
}
