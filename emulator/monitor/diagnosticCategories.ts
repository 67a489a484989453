/**
 * Resource log categories and category groups by resource type, for the types
 * Dualstack puts diagnostic settings on (Azure Monitor "supported resource log
 * categories" reference). Types not listed accept any category.
 */
export interface DiagnosticCategories {
  logs: readonly string[];
  groups: readonly string[];
}

const NETWORK_GROUPS = ['allLogs', 'audit'];

export const DIAGNOSTIC_CATEGORIES: Readonly<Record<string, DiagnosticCategories>> = {
  'microsoft.network/azurefirewalls': {
    logs: [
      'AzureFirewallApplicationRule',
      'AzureFirewallNetworkRule',
      'AzureFirewallDnsProxy',
      'AZFWApplicationRule',
      'AZFWApplicationRuleAggregation',
      'AZFWDnsQuery',
      'AZFWFatFlow',
      'AZFWFlowTrace',
      'AZFWFqdnResolveFailure',
      'AZFWIdpsSignature',
      'AZFWNatRule',
      'AZFWNatRuleAggregation',
      'AZFWNetworkRule',
      'AZFWNetworkRuleAggregation',
      'AZFWThreatIntel',
    ],
    groups: NETWORK_GROUPS,
  },
  'microsoft.network/virtualnetworkgateways': {
    logs: [
      'GatewayDiagnosticLog',
      'TunnelDiagnosticLog',
      'RouteDiagnosticLog',
      'IKEDiagnosticLog',
      'P2SDiagnosticLog',
    ],
    groups: NETWORK_GROUPS,
  },
  'microsoft.network/loadbalancers': { logs: ['LoadBalancerHealthEvent'], groups: NETWORK_GROUPS },
  'microsoft.network/publicipaddresses': {
    logs: ['DDoSProtectionNotifications', 'DDoSMitigationFlowLogs', 'DDoSMitigationReports'],
    groups: NETWORK_GROUPS,
  },
  'microsoft.network/networksecuritygroups': {
    logs: ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'],
    groups: NETWORK_GROUPS,
  },
  'microsoft.network/virtualnetworks': { logs: ['VMProtectionAlerts'], groups: NETWORK_GROUPS },
  'microsoft.network/bastionhosts': { logs: ['BastionAuditLogs'], groups: NETWORK_GROUPS },
};

/** Metric categories: every type listed above has the one AllMetrics category. */
export const METRIC_CATEGORIES: readonly string[] = ['AllMetrics'];
