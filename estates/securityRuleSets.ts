import type { SecurityRuleSpec } from './builders/networkSecurityGroup';

type RuleRow = [
  name: string,
  priority: number,
  direction: SecurityRuleSpec['direction'],
  access: SecurityRuleSpec['access'],
  protocol: SecurityRuleSpec['protocol'],
  source: string | string[],
  destination: string | string[],
  destinationPorts: string | string[],
];

function rules(rows: RuleRow[]): SecurityRuleSpec[] {
  return rows.map(([name, priority, direction, access, protocol, source, destination, destinationPorts]) => ({
    name,
    priority,
    direction,
    access,
    protocol,
    source,
    destination,
    destinationPorts,
  }));
}

/**
 * A spoke subnet's rules. They cover the cases the planner must tell apart:
 * explicit IPv4 prefixes (one prefix, several prefixes), service tags only, and ICMP.
 */
export function spokeSubnetRules(
  subnetPrefix: string,
  hubPrefix: string,
  onPremisesPrefix: string,
): SecurityRuleSpec[] {
  return rules([
    [
      'allow-https-from-hub-and-onprem',
      100,
      'Inbound',
      'Allow',
      'Tcp',
      [hubPrefix, onPremisesPrefix],
      subnetPrefix,
      '443',
    ],
    ['allow-icmp-from-onprem', 110, 'Inbound', 'Allow', 'Icmp', onPremisesPrefix, '*', '*'],
    ['allow-azure-load-balancer', 120, 'Inbound', 'Allow', 'Tcp', 'AzureLoadBalancer', '*', '443'],
    ['deny-internet-inbound', 4000, 'Inbound', 'Deny', '*', 'Internet', 'VirtualNetwork', '*'],
  ]);
}

/** The hub NVA subnet: an NSG is required there, or IPv6 health probes fail after the migration. */
export function nvaSubnetRules(onPremisesPrefix: string): SecurityRuleSpec[] {
  return rules([
    ['allow-vnet-inbound', 100, 'Inbound', 'Allow', '*', 'VirtualNetwork', '*', '*'],
    ['allow-onprem-inbound', 110, 'Inbound', 'Allow', '*', onPremisesPrefix, '*', '*'],
    ['allow-azure-load-balancer', 120, 'Inbound', 'Allow', '*', 'AzureLoadBalancer', '*', '*'],
  ]);
}

/** The rules Azure Bastion requires on AzureBastionSubnet: service tags only. */
export function bastionSubnetRules(): SecurityRuleSpec[] {
  return rules([
    ['AllowHttpsInbound', 120, 'Inbound', 'Allow', 'Tcp', 'Internet', '*', '443'],
    ['AllowGatewayManagerInbound', 130, 'Inbound', 'Allow', 'Tcp', 'GatewayManager', '*', '443'],
    ['AllowAzureLoadBalancerInbound', 140, 'Inbound', 'Allow', 'Tcp', 'AzureLoadBalancer', '*', '443'],
    [
      'AllowBastionHostCommunication',
      150,
      'Inbound',
      'Allow',
      '*',
      'VirtualNetwork',
      'VirtualNetwork',
      ['8080', '5701'],
    ],
    ['AllowSshRdpOutbound', 100, 'Outbound', 'Allow', '*', '*', 'VirtualNetwork', ['22', '3389']],
    ['AllowAzureCloudOutbound', 110, 'Outbound', 'Allow', 'Tcp', '*', 'AzureCloud', '443'],
    [
      'AllowBastionCommunication',
      120,
      'Outbound',
      'Allow',
      '*',
      'VirtualNetwork',
      'VirtualNetwork',
      ['8080', '5701'],
    ],
    ['AllowHttpOutbound', 130, 'Outbound', 'Allow', '*', '*', 'Internet', '80'],
  ]);
}

/** The six rules Azure puts in every NSG (ARM GET lists them as `defaultSecurityRules`). */
export function azureDefaultRules(): SecurityRuleSpec[] {
  return rules([
    ['AllowVnetInBound', 65000, 'Inbound', 'Allow', '*', 'VirtualNetwork', 'VirtualNetwork', '*'],
    ['AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', '*', 'AzureLoadBalancer', '*', '*'],
    ['DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*', '*', '*'],
    ['AllowVnetOutBound', 65000, 'Outbound', 'Allow', '*', 'VirtualNetwork', 'VirtualNetwork', '*'],
    ['AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', '*', 'Internet', '*'],
    ['DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*', '*', '*'],
  ]);
}
