import type { ArmResource } from '../../src/arm/ArmResource';
import type { BuildContext } from './BuildContext';
import { armResource, childResource, identity, ref } from './armEnvelope';

export interface AzureFirewallSpec {
  name: string;
  subnetId: string;
  publicIpId: string;
  privateIPAddress: string;
}

export function azureFirewall(
  ctx: BuildContext,
  resourceGroup: string,
  spec: AzureFirewallSpec,
): ArmResource {
  const who = identity(ctx, resourceGroup, 'azureFirewalls', spec.name);
  return armResource(
    ctx,
    who,
    {
      sku: { name: 'AZFW_VNet', tier: 'Standard' },
      threatIntelMode: 'Alert',
      // ARM lists them as `ipConfigurations` but their ids say `azureFirewallIpConfigurations`.
      ipConfigurations: [
        childResource(who, 'azureFirewallIpConfigurations', 'ipconfig-firewall', {
          privateIPAddress: spec.privateIPAddress,
          subnet: ref(spec.subnetId),
          publicIPAddress: ref(spec.publicIpId),
        }),
      ],
      applicationRuleCollections: [],
      natRuleCollections: [],
      networkRuleCollections: [],
    },
    { zones: ['1', '2', '3'] },
  );
}
