import { REFERENCE_SUBSCRIPTION_ID } from '../../estates/referenceLayout';
import type { ArmResource } from '../../src/arm/ArmResource';

export interface SubnetBody {
  name: string;
  properties: Record<string, unknown>;
}

/** The subnets of the estate's VNet `vnetName`, to change in place. */
export function subnetsOf(estate: ArmResource[], vnetName: string): SubnetBody[] {
  const vnet = estate.find((r) => r.name === vnetName && r.type === 'Microsoft.Network/virtualNetworks');
  if (!vnet) throw new Error(`estate without ${vnetName}`);
  return (vnet.properties?.subnets ?? []) as SubnetBody[];
}

export const PROD2_NAT_GATEWAY = `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-spoke-prod-2/providers/Microsoft.Network/natGateways/ng-spoke-prod-2`;

/** The reference estate with a Standard NAT gateway on prod-2's app subnet, as a real spoke's egress may be. */
export function withNatGateway(estate: ArmResource[]): ArmResource[] {
  const app = subnetsOf(estate, 'vnet-spoke-prod-2').find((x) => x.name === 'snet-app');
  if (!app) throw new Error('reference estate without vnet-spoke-prod-2/snet-app');
  app.properties.natGateway = { id: PROD2_NAT_GATEWAY };
  estate.push({
    id: PROD2_NAT_GATEWAY,
    name: 'ng-spoke-prod-2',
    type: 'Microsoft.Network/natGateways',
    location: 'westeurope',
    sku: { name: 'Standard' },
    zones: ['1'],
    properties: { idleTimeoutInMinutes: 4 },
  });
  return estate;
}
