import type { ArmResource } from '../src/arm/ArmResource';
import { mulberry32 } from './mulberry32';
import type { BuildContext } from './builders/BuildContext';
import { hubResources } from './builders/hubResources';
import { spokeResources } from './builders/spokeResources';
import type { EstateAddressing } from './estateAddressing';
import { estateAddressing, ipv4, ipv4Prefix } from './estateAddressing';
import {
  hubLayout,
  ON_PREMISES_PREFIX,
  REFERENCE_LOCATION,
  REFERENCE_SUBSCRIPTION_ID,
  viaFirewall,
} from './referenceLayout';
import type {
  NicLayout,
  RouteLayout,
  RouteTableLayout,
  SpokeLayout,
  SpokeSubnetLayout,
} from './TopologyLayout';

export interface GenerateEstateOptions {
  spokes: number;
  subnetsPerSpoke: number;
  nicsPerSubnet: number;
  seed: number;
  subscriptionId?: string;
  location?: string;
  /** Include Azure's six default rules in every NSG (off by default to keep large estates lean). */
  defaultSecurityRules?: boolean;
}

/** Chances of each seeded variation; each also occurs at least once when the estate is big enough. */
const P_SHARED_ROUTE_TABLES = 0.1;
const P_NO_LOAD_BALANCER = 0.15;
const P_EXTRA_IP_CONFIGS = 0.08;
const MAX_EXTRA_IP_CONFIGS = 2;
/** Above this many spokes the GatewaySubnet table aggregates spoke routes per /16 (Azure allows 400 routes per table). */
const PER_SPOKE_GATEWAY_ROUTES_MAX = 200;

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`generateEstate: ${name} must be an integer >= ${min}, got ${value}`);
}

function gatewayRoutes(spokes: number, poolStart: number, spokeBits: number): RouteLayout[] {
  const block = 2 ** spokeBits;
  if (spokes <= PER_SPOKE_GATEWAY_ROUTES_MAX)
    return Array.from({ length: spokes }, (_, i) =>
      viaFirewall(`to-spoke-${label(i, spokes)}`, ipv4Prefix(poolStart + i * block, spokeBits)),
    );
  const aggregateBits = Math.max(16, spokeBits);
  const aggregate = 2 ** aggregateBits;
  const first = Math.floor(poolStart / aggregate);
  const last = Math.floor((poolStart + spokes * block - 1) / aggregate);
  return Array.from({ length: last - first + 1 }, (_, k) => {
    const prefix = ipv4Prefix((first + k) * aggregate, aggregateBits);
    return viaFirewall(`to-spokes-${prefix.replace(/[./]/g, '-')}`, prefix);
  });
}

function label(i: number, spokes: number): string {
  return String(i + 1).padStart(Math.max(5, String(spokes).length), '0');
}

interface SpokeChoices {
  index: number;
  label: string;
  /** The previous spoke, when this one uses its route tables. */
  sharesWith: SpokeLayout | undefined;
  withoutLoadBalancer: boolean;
  /** Extra IPv4 configurations of NIC k in subnet j. */
  extraConfigs(j: number, k: number): number;
}

function spokeRouteTable(name: string, subnetIndex: number): RouteTableLayout {
  return {
    name,
    disableBgpRoutePropagation: false,
    routes: [
      viaFirewall('default-via-firewall', '0.0.0.0/0'),
      ...(subnetIndex === 1 ? [viaFirewall('onprem-via-firewall', ON_PREMISES_PREFIX)] : []),
    ],
  };
}

function generatedSpoke(
  choices: SpokeChoices,
  sizes: { subnetsPerSpoke: number; nicsPerSubnet: number },
  addressing: EstateAddressing,
): SpokeLayout {
  const { label: id, sharesWith } = choices;
  const spokeBase = addressing.poolStart + choices.index * 2 ** addressing.spokeBits;
  const routeTables: RouteTableLayout[] = [];
  const subnets: SpokeSubnetLayout[] = [];
  for (let j = 0; j < sizes.subnetsPerSpoke; j++) {
    const subnetBase = spokeBase + j * 2 ** addressing.subnetBits;
    let next = subnetBase + 4 + (j === 0 ? 1 : 0); // .4 of the first subnet is the load balancer frontend
    const nics: NicLayout[] = [];
    for (let k = 0; k < sizes.nicsPerSubnet; k++) {
      const addresses = Array.from({ length: 1 + choices.extraConfigs(j, k) }, () => ipv4(next++));
      const suffix = `${id}-${j + 1}-${k + 1}`;
      nics.push({ name: `nic-${suffix}`, virtualMachine: `vm-${suffix}`, privateIPAddresses: addresses });
    }
    const shared = sharesWith?.subnets[j]?.routeTable;
    const own = spokeRouteTable(`rt-${id}-${j + 1}`, j);
    if (!shared) routeTables.push(own);
    subnets.push({
      name: `snet-${j + 1}`,
      addressPrefix: ipv4Prefix(subnetBase, addressing.subnetBits),
      networkSecurityGroup: `nsg-${id}-${j + 1}`,
      routeTable: shared
        ? { name: shared.name, resourceGroup: shared.resourceGroup ?? sharesWith?.resourceGroup }
        : { name: own.name },
      nics,
    });
  }
  return {
    environment: choices.index % 2 === 0 ? 'Production' : 'NonProduction',
    resourceGroup: `rg-spoke-${id}`,
    vnet: `vnet-spoke-${id}`,
    addressPrefix: ipv4Prefix(spokeBase, addressing.spokeBits),
    subnets,
    routeTables,
    ...(choices.withoutLoadBalancer
      ? {}
      : {
          loadBalancer: { name: `lbi-spoke-${id}`, subnet: 'snet-1', frontendIPAddress: ipv4(spokeBase + 4) },
        }),
    peerings: { fromHub: `peer-hub-to-spoke-${id}`, toHub: `peer-spoke-${id}-to-hub` },
  };
}

/**
 * A hub like the reference plus `spokes` spokes of `subnetsPerSpoke` subnets of
 * `nicsPerSubnet` NICs, with seeded variations: route tables shared by two
 * neighbouring spokes, NICs with extra IPv4 configurations, spokes without a
 * load balancer. Deterministic for a seed; IPv4 prefixes never overlap.
 */
export function generateEstate(options: GenerateEstateOptions): ArmResource[] {
  const { spokes, subnetsPerSpoke, nicsPerSubnet, seed } = options;
  requireCount('spokes', spokes, 0);
  requireCount('subnetsPerSpoke', subnetsPerSpoke, 1);
  requireCount('nicsPerSubnet', nicsPerSubnet, 0);
  if (!Number.isFinite(seed)) throw new RangeError(`generateEstate: seed must be a number, got ${seed}`);

  // One frontend plus every NIC's configurations, at their most.
  const addressing = estateAddressing(subnetsPerSpoke, 1 + nicsPerSubnet * (1 + MAX_EXTRA_IP_CONFIGS));
  if (spokes > addressing.capacity)
    throw new RangeError(
      `generateEstate: ${spokes} spokes of /${32 - addressing.spokeBits} don't fit in 10.1.0.0-10.255.255.255 (at most ${addressing.capacity})`,
    );

  const ctx: BuildContext = {
    subscriptionId: options.subscriptionId ?? REFERENCE_SUBSCRIPTION_ID,
    location: options.location ?? REFERENCE_LOCATION,
  };
  // Each variation is also forced once among the first two spokes, so every estate of two or more shows all
  // of them. Nothing depends on the spoke count: an estate with more spokes extends one with fewer.
  const forcedNoLb = mulberry32(seed)() < 0.5 ? 0 : 1;
  const forcedLb = 1 - forcedNoLb;
  const forcedShare = 1;
  const forcedExtra = 0;

  const out: ArmResource[] = [];
  const routes = gatewayRoutes(spokes, addressing.poolStart, addressing.spokeBits);
  const hub = hubResources(ctx, hubLayout(routes), ON_PREMISES_PREFIX, out);
  const spokeOptions = {
    onPremisesPrefix: ON_PREMISES_PREFIX,
    defaultSecurityRules: options.defaultSecurityRules ?? false,
  };

  // A route table serves two spokes at most: a spoke that took its neighbour's tables gives none away.
  let previousShared = true;
  let previous: SpokeLayout | undefined;
  for (let i = 0; i < spokes; i++) {
    // A generator per spoke, so spoke i is the same whatever the number of spokes.
    const random = mulberry32((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const shareRoll = random() < P_SHARED_ROUTE_TABLES;
    const noLbRoll = random() < P_NO_LOAD_BALANCER;
    const shares: boolean = !previousShared && (shareRoll || i === forcedShare);
    const spoke = generatedSpoke(
      {
        index: i,
        label: label(i, spokes),
        sharesWith: shares ? previous : undefined,
        withoutLoadBalancer: i === forcedNoLb || (noLbRoll && i !== forcedLb),
        extraConfigs: (j, k) => {
          const roll = random();
          if (roll < P_EXTRA_IP_CONFIGS)
            return 1 + Math.floor((roll / P_EXTRA_IP_CONFIGS) * MAX_EXTRA_IP_CONFIGS);
          return i === forcedExtra && j === 0 && k === 0 ? 1 : 0;
        },
      },
      { subnetsPerSpoke, nicsPerSubnet },
      addressing,
    );
    spokeResources(ctx, hub, spoke, spokeOptions, out);
    previousShared = shares;
    previous = spoke;
  }
  return out;
}
