/**
 * Unscaled long-running-operation latencies (ms) per lower-case resource type,
 * in the ratios Azure shows: gateways and firewalls take minutes, NSG and route
 * table writes seconds. A child type falls back to its parent's entry.
 */
export const DEFAULT_LATENCY_MS: Readonly<Record<string, number>> = {
  'microsoft.network/virtualnetworks': 10_000,
  'microsoft.network/virtualnetworks/subnets': 8_000,
  'microsoft.network/virtualnetworks/virtualnetworkpeerings': 5_000,
  'microsoft.network/networkinterfaces': 5_000,
  'microsoft.network/loadbalancers': 8_000,
  'microsoft.network/routetables': 3_000,
  'microsoft.network/networksecuritygroups': 3_000,
  'microsoft.network/publicipaddresses': 3_000,
  'microsoft.network/azurefirewalls': 300_000,
  'microsoft.network/virtualnetworkgateways': 600_000,
  'microsoft.network/bastionhosts': 300_000,
  'microsoft.network/expressroutecircuits': 60_000,
};

export const FALLBACK_LATENCY_MS = 5_000;

export function latencyFor(type: string, overrides: Record<string, number> = {}): number {
  let t = type.toLowerCase();
  for (;;) {
    const v = overrides[t] ?? DEFAULT_LATENCY_MS[t];
    if (v !== undefined) return v;
    const cut = t.lastIndexOf('/');
    if (cut <= t.indexOf('/')) return FALLBACK_LATENCY_MS;
    t = t.slice(0, cut);
  }
}
