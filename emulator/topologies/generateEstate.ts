import type { ArmResource } from '../../src/arm/ArmResource';
import { mulberry32 } from '../core/mulberry32';
import type { BuildContext } from './builders/BuildContext';
import { hubResources } from './builders/hubResources';
import { spokeResources } from './builders/spokeResources';
import { estateAddressing, ipv4, ipv4Prefix } from './estateAddressing';
import {
  hubLayout,
  ON_PREMISES_PREFIX,
  REFERENCE_LOCATION,
  REFERENCE_SUBSCRIPTION_ID,
  viaFirewall,
} from './referenceLayout';
import type { RouteLayout, RouteTableLayout, SpokeLayout, SpokeSubnetLayout } from './TopologyLayout';

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
  const { subnetBits, spokeBits, poolStart, capacity } = addressing;
  if (spokes > capacity)
    throw new RangeError(
      `generateEstate: ${spokes} spokes of /${32 - spokeBits} don't fit in 10.1.0.0-10.255.255.255 (at most ${capacity})`,
    );

  const ctx: BuildContext = {
    subscriptionId: options.subscriptionId ?? REFERENCE_SUBSCRIPTION_ID,
    location: options.location ?? REFERENCE_LOCATION,
  };
  const random = mulberry32(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  // Each variation is also forced once, at a seeded place, so small estates show all of them.
  const forcedShare = spokes >= 2 ? 1 + pick(spokes - 1) : -1;
  const forcedNoLb = spokes >= 2 ? pick(spokes) : -1;
  const forcedExtra = spokes >= 1 && nicsPerSubnet >= 1 ? pick(spokes) : -1;

  const out: ArmResource[] = [];
  const hub = hubResources(
    ctx,
    hubLayout(gatewayRoutes(spokes, poolStart, spokeBits)),
    ON_PREMISES_PREFIX,
    out,
  );
  const spokeOptions = {
    onPremisesPrefix: ON_PREMISES_PREFIX,
    defaultSecurityRules: options.defaultSecurityRules ?? false,
  };

  let previousInvolved = true;
  let previous: SpokeLayout | undefined;
  for (let i = 0; i < spokes; i++) {
    const shareRoll = random() < P_SHARED_ROUTE_TABLES;
    const noLbRoll = random() < P_NO_LOAD_BALANCER;
    const shares: boolean = previous !== undefined && !previousInvolved && (shareRoll || i === forcedShare);
    const withoutLb = i === forcedNoLb || (noLbRoll && i !== (forcedNoLb + 1) % spokes);
    const id = label(i, spokes);
    const rg = `rg-spoke-${id}`;
    const spokeBase = poolStart + i * 2 ** spokeBits;

    const routeTables: RouteTableLayout[] = [];
    const subnets: SpokeSubnetLayout[] = [];
    for (let j = 0; j < subnetsPerSpoke; j++) {
      const subnetBase = spokeBase + j * 2 ** subnetBits;
      let next = subnetBase + 4 + (j === 0 ? 1 : 0); // .4 of the first subnet is the load balancer frontend
      const nics = [];
      for (let k = 0; k < nicsPerSubnet; k++) {
        const extraRoll = random();
        const extras =
          extraRoll < P_EXTRA_IP_CONFIGS
            ? 1 + Math.floor((extraRoll / P_EXTRA_IP_CONFIGS) * MAX_EXTRA_IP_CONFIGS)
            : i === forcedExtra && j === 0 && k === 0
              ? 1
              : 0;
        const addresses = Array.from({ length: 1 + extras }, () => ipv4(next++));
        nics.push({
          name: `nic-${id}-${j + 1}-${k + 1}`,
          virtualMachine: `vm-${id}-${j + 1}-${k + 1}`,
          privateIPAddresses: addresses,
        });
      }
      const ownTable = `rt-${id}-${j + 1}`;
      const sharedFrom = shares ? previous?.subnets[j]?.routeTable : undefined;
      if (!sharedFrom)
        routeTables.push({
          name: ownTable,
          disableBgpRoutePropagation: false,
          routes: [
            viaFirewall('default-via-firewall', '0.0.0.0/0'),
            ...(j === 1 ? [viaFirewall('onprem-via-firewall', ON_PREMISES_PREFIX)] : []),
          ],
        });
      subnets.push({
        name: `snet-${j + 1}`,
        addressPrefix: ipv4Prefix(subnetBase, subnetBits),
        networkSecurityGroup: `nsg-${id}-${j + 1}`,
        routeTable: sharedFrom
          ? { name: sharedFrom.name, resourceGroup: sharedFrom.resourceGroup ?? previous?.resourceGroup }
          : { name: ownTable },
        nics,
      });
    }
    const spoke: SpokeLayout = {
      environment: i % 2 === 0 ? 'Production' : 'NonProduction',
      resourceGroup: rg,
      vnet: `vnet-spoke-${id}`,
      addressPrefix: ipv4Prefix(spokeBase, spokeBits),
      subnets,
      routeTables,
      ...(withoutLb
        ? {}
        : {
            loadBalancer: {
              name: `lbi-spoke-${id}`,
              subnet: 'snet-1',
              frontendIPAddress: ipv4(spokeBase + 4),
            },
          }),
      peerings: { fromHub: `peer-hub-to-spoke-${id}`, toHub: `peer-spoke-${id}-to-hub` },
    };
    spokeResources(ctx, hub, spoke, spokeOptions, out);
    previousInvolved = shares;
    previous = spoke;
  }
  return out;
}
