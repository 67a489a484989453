import type {
  EstateLayout,
  HubLayout,
  NetworkManagerLayout,
  PrivateDnsZoneLayout,
  RouteLayout,
  SpokeLayout,
} from './TopologyLayout';
import { anmPeeringNames } from './builders/networkManager';

export const REFERENCE_SUBSCRIPTION_ID = '00000000-0000-4000-8000-000000000001';
export const REFERENCE_LOCATION = 'westeurope';
export const ON_PREMISES_PREFIX = '192.168.0.0/16';
export const HUB_PREFIX = '10.0.0.0/16';
/** The firewall's private address: every spoke's 0.0.0.0/0 points here. */
export const FIREWALL_PRIVATE_IP = '10.0.1.4';

export function viaFirewall(name: string, addressPrefix: string): RouteLayout {
  return { name, addressPrefix, nextHopType: 'VirtualAppliance', nextHopIpAddress: FIREWALL_PRIVATE_IP };
}

/**
 * The hub of Microsoft's guide, IPv4 only. Subnet third octets follow the guide's
 * IPv6 /64 numbering (Bastion ::0, gateway ::3, NVA ::4; the firewall subnet stays IPv4).
 * `gatewayRoutes` send on-premises traffic bound for the spokes through the firewall.
 */
export function hubLayout(gatewayRoutes: RouteLayout[]): HubLayout {
  return {
    resourceGroup: 'rg-hub',
    vnet: 'vnet-hub',
    addressPrefix: HUB_PREFIX,
    subnets: {
      bastion: {
        name: 'AzureBastionSubnet',
        addressPrefix: '10.0.0.0/26',
        networkSecurityGroup: 'nsg-hub-bastion',
      },
      firewall: { name: 'AzureFirewallSubnet', addressPrefix: '10.0.1.0/26' },
      // /27 is the smallest GatewaySubnet that lets ExpressRoute and VPN gateways coexist.
      gateway: { name: 'GatewaySubnet', addressPrefix: '10.0.3.0/27', routeTable: 'rt-hub-gateway' },
      nva: {
        name: 'snet-nva',
        addressPrefix: '10.0.4.0/24',
        networkSecurityGroup: 'nsg-hub-nva',
        routeTable: 'rt-hub-nva',
      },
    },
    routeTables: [
      // BGP propagation must stay on for GatewaySubnet, or the gateway stops working.
      { name: 'rt-hub-gateway', disableBgpRoutePropagation: false, routes: gatewayRoutes },
      {
        name: 'rt-hub-nva',
        disableBgpRoutePropagation: false,
        routes: [{ name: 'internet', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }],
      },
    ],
    firewall: {
      name: 'afw-hub',
      privateIPAddress: FIREWALL_PRIVATE_IP,
      publicIp: { name: 'pip-afw-hub', ipAddress: '203.0.113.10' },
    },
    bastion: { name: 'bas-hub', publicIp: { name: 'pip-bas-hub', ipAddress: '203.0.113.11' } },
    expressRouteGateway: {
      name: 'vgw-hub-er',
      sku: 'ErGw1AZ',
      publicIp: { name: 'pip-vgw-hub-er', ipAddress: '203.0.113.12' },
    },
    vpnGateway: {
      name: 'vgw-hub-vpn',
      sku: 'VpnGw1AZ',
      asn: 65515,
      publicIp: { name: 'pip-vgw-hub-vpn', ipAddress: '203.0.113.13' },
    },
    expressRouteCircuit: {
      name: 'erc-hub',
      serviceProvider: 'Equinix',
      peeringLocation: 'Amsterdam',
      bandwidthInMbps: 1000,
      peerASN: 65010,
      vlanId: 100,
      primaryPeerAddressPrefix: '192.168.255.248/30',
      secondaryPeerAddressPrefix: '192.168.255.252/30',
    },
    nva: {
      loadBalancer: { name: 'lbi-hub-nva', frontendIPAddress: '10.0.4.4' },
      nics: [
        { name: 'nic-nva-1', virtualMachine: 'vm-nva-1', privateIPAddresses: ['10.0.4.5'] },
        { name: 'nic-nva-2', virtualMachine: 'vm-nva-2', privateIPAddresses: ['10.0.4.6'] },
      ],
    },
  };
}

const TIERS = ['web', 'app', 'data'] as const;

/**
 * The guide's "Public IP Address is used for inbound IPv4 and IPv6 connectivity": a spoke whose web
 * tier is published through a public load balancer, and one whose web VM has a public IP of its own.
 * Addresses are documentation addresses (RFC 5737), as the hub's.
 */
interface PublicExposure {
  publicLoadBalancer?: { publicIpAddress: string };
  webVmPublicIpAddress?: string;
}

/** Spoke `label` (e.g. 'prod-1') at 10.<octet>.0.0/16 with the guide's three resource subnets. */
function referenceSpoke(
  environment: SpokeLayout['environment'],
  label: string,
  octet: number,
  exposure: PublicExposure = {},
  peerings = { fromHub: `peer-hub-to-spoke-${label}`, toHub: `peer-spoke-${label}-to-hub` },
): SpokeLayout {
  const subnets = TIERS.map((tier, i) => ({
    name: `snet-${tier}`,
    addressPrefix: `10.${octet}.${i}.0/24`,
    networkSecurityGroup: `nsg-spoke-${label}-${tier}`,
    routeTable: { name: `rt-spoke-${label}-${tier}` },
    nics: [
      {
        name: `nic-vm-${label}-${tier}`,
        virtualMachine: `vm-${label}-${tier}`,
        privateIPAddresses: [`10.${octet}.${i}.4`],
        ...(tier === 'web' && exposure.webVmPublicIpAddress
          ? { publicIp: { name: `pip-vm-${label}-web`, ipAddress: exposure.webVmPublicIpAddress } }
          : {}),
      },
    ],
  }));
  const publicLb = exposure.publicLoadBalancer;
  return {
    environment,
    resourceGroup: `rg-spoke-${label}`,
    vnet: `vnet-spoke-${label}`,
    addressPrefix: `10.${octet}.0.0/16`,
    subnets,
    routeTables: subnets.map((s) => ({
      name: s.routeTable.name,
      disableBgpRoutePropagation: false,
      routes: [
        viaFirewall('default-via-firewall', '0.0.0.0/0'),
        // The guide's subnet 2 also sends on-premises traffic through the inspection path.
        ...(s.name === 'snet-app' ? [viaFirewall('onprem-via-firewall', ON_PREMISES_PREFIX)] : []),
      ],
    })),
    loadBalancer: { name: `lbi-spoke-${label}`, subnet: 'snet-web', frontendIPAddress: `10.${octet}.0.10` },
    ...(publicLb
      ? {
          publicLoadBalancer: {
            name: `lbe-spoke-${label}`,
            publicIp: { name: `pip-lbe-spoke-${label}`, ipAddress: publicLb.publicIpAddress },
            backendSubnets: ['snet-web'],
          },
        }
      : {}),
    peerings,
  };
}

/**
 * The workloads' private zone, linked to the two production spokes: prod-1 registers its VMs' names
 * (A records with Azure's auto-registration TTL of 10 s), prod-2 only resolves; `app` names the app
 * tier of both (a name whose AAAA set serves two spokes).
 */
const REFERENCE_PRIVATE_DNS: PrivateDnsZoneLayout = {
  resourceGroup: 'rg-dns',
  zoneName: 'corp.internal',
  links: [
    { name: 'link-spoke-prod-1', vnet: 'vnet-spoke-prod-1', registrationEnabled: true },
    { name: 'link-spoke-prod-2', vnet: 'vnet-spoke-prod-2', registrationEnabled: false },
  ],
  aRecords: [
    ...TIERS.map((tier, i) => ({
      name: `vm-prod-1-${tier}`,
      ipv4Addresses: [`10.1.${i}.4`],
      ttl: 10,
      autoRegistered: true,
    })),
    { name: 'app', ipv4Addresses: ['10.1.1.4', '10.2.1.4'], ttl: 300 },
  ],
};

const SPOKES: SpokeLayout[] = [
  referenceSpoke('Production', 'prod-1', 1, { publicLoadBalancer: { publicIpAddress: '203.0.113.20' } }),
  referenceSpoke('Production', 'prod-2', 2),
  referenceSpoke('NonProduction', 'nonprod-1', 3, { webVmPublicIpAddress: '203.0.113.30' }),
  // Connected to the hub by AVNM (REFERENCE_NETWORK_MANAGER): its peerings are the ones AVNM created.
  referenceSpoke('NonProduction', 'nonprod-2', 4, {}, anmPeeringNames('vnet-spoke-nonprod-2', 'vnet-hub')),
];

/** The guide's Virtual Network Manager: a committed hub-and-spoke configuration over one spoke. */
const REFERENCE_NETWORK_MANAGER: NetworkManagerLayout = {
  resourceGroup: 'rg-avnm',
  name: 'avnm-hub',
  networkGroup: 'ng-spokes-avnm',
  connectivityConfiguration: 'cc-hub-spoke',
  spokes: ['vnet-spoke-nonprod-2'],
  groupConnectivity: 'None',
};

/**
 * Every name and prefix of the reference topology: the IPv4-only "before" state
 * of Microsoft's "IPv6 hub-and-spoke network topology" guide. infra/sample is
 * compared against this table.
 */
export const REFERENCE_LAYOUT: Readonly<EstateLayout> = deepFreeze({
  location: REFERENCE_LOCATION,
  onPremisesPrefix: ON_PREMISES_PREFIX,
  hub: hubLayout(SPOKES.map((s) => viaFirewall(`to-${s.vnet.replace(/^vnet-/, '')}`, s.addressPrefix))),
  spokes: SPOKES,
  privateDnsZones: [REFERENCE_PRIVATE_DNS],
  networkManagers: [REFERENCE_NETWORK_MANAGER],
});

/** Frozen all the way down, so no test or caller can change the reference for the rest of the process. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
