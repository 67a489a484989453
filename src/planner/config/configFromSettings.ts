import type { AppSettings } from '../../config/appSettings';

/**
 * The planner configuration (JSON, validated later by parseConfig) the app settings
 * describe. DUALSTACK_CONFIG_JSON, when set, is laid over it so anything the
 * individual settings don't cover (on-premises prefix map, ExpressRoute) can be given.
 */
export function configFromSettings(settings: AppSettings): Record<string, unknown> & {
  hubVnetId: string;
  scope: { subscriptions: string[] };
} {
  const hop = settings.ipv6NextHop;
  const ipv6NextHop =
    hop.kind === 'auto'
      ? 'auto'
      : hop.kind === 'address'
        ? { address: hop.address }
        : {
            loadBalancerFrontend: {
              loadBalancerId: hop.frontendIpConfigurationId.replace(
                /\/frontendIPConfigurations\/[^/]+$/i,
                '',
              ),
              frontendName: hop.frontendIpConfigurationId.split('/').pop() ?? '',
            },
          };
  const canarySpokes =
    settings.canarySpokes.kind === 'count'
      ? settings.canarySpokes.count
      : settings.canarySpokes.vnetIds.length;
  return {
    hubVnetId: settings.hubVnetId,
    scope: {
      subscriptions: settings.subscriptions,
      ...(settings.resourceGroupIds ? { resourceGroups: settings.resourceGroupIds } : {}),
    },
    exclusionTag: settings.exclusionTag,
    ...(settings.ipv6Pool ? { ipv6Pool: settings.ipv6Pool } : {}),
    ipv6NextHop,
    approval: { required: settings.approvalRequired, timeoutMinutes: settings.approvalTimeoutMinutes },
    rollout: {
      maxParallelSpokes: settings.maxParallelSpokes,
      maxParallelWrites: settings.maxParallelWrites,
      canarySpokes,
      ...(settings.canarySpokes.kind === 'vnetIds' ? { canaryVnetIds: settings.canarySpokes.vnetIds } : {}),
      abortAfterFailures: settings.maxFailedSpokes,
    },
    ...settings.configOverride,
  };
}
