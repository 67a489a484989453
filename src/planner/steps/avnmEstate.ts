import type { ArmResource } from '../../arm/ArmResource';
import { parentResourceId } from '../../arm/resourceId';
import type { EstateIndex } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import { objs, props, str, strs } from '../json';

const NM = 'microsoft.network/networkmanagers';
const TYPE = {
  member: `${NM}/networkgroups/staticmembers`,
  routingConfig: `${NM}/routingconfigurations`,
  routingCollection: `${NM}/routingconfigurations/rulecollections`,
  routingRule: `${NM}/routingconfigurations/rulecollections/rules`,
  adminConfig: `${NM}/securityadminconfigurations`,
  adminCollection: `${NM}/securityadminconfigurations/rulecollections`,
  adminRule: `${NM}/securityadminconfigurations/rulecollections/rules`,
  deploymentStatus: `${NM}/deploymentstatus`,
};

/**
 * The type under which discovery hands the planner a network manager's deployment status (the answer
 * of POST networkManagers/{nm}/listDeploymentStatus, one item per region and configuration kind): ARM
 * gives it no resource of its own, and the planner reads only ARM-shaped JSON.
 */
export const DEPLOYMENT_STATUS_TYPE = 'Microsoft.Network/networkManagers/deploymentStatus';

export type AvnmKind = 'Routing' | 'SecurityAdmin';

export interface AvnmConfiguration {
  resource: ArmResource;
  key: string;
  kind: AvnmKind;
  managerId: string;
  managerKey: string;
  /** Routing: AVNM puts its routes in route tables it creates (ManagedOnly, the default), not in the subnet's own */
  managedOnly: boolean;
}

export interface AvnmCollection {
  resource: ArmResource;
  key: string;
  configuration: AvnmConfiguration;
  /** keys of the network groups it applies to */
  groupKeys: string[];
  rules: ArmResource[];
}

/** One region's goal state of one configuration kind, as the last commit left it. */
export interface AvnmDeployment {
  region: string;
  kind: string;
  configurationKeys: Set<string>;
  status: string;
  commitTime?: string;
}

export interface AvnmEstate {
  /** by lower-cased id */
  managers: Map<string, ArmResource>;
  /** routing and security admin rule collections, in input order */
  collections: AvnmCollection[];
  /** network group key -> the VNets and subnets (keys) that are its static members */
  members: Map<string, { vnets: string[]; subnets: string[] }>;
  /** manager key -> its deployments; a manager is absent when the estate doesn't carry its status */
  deployments: Map<string, AvnmDeployment[]>;
}

/** Regions as ARM compares them: 'West Europe' and 'westeurope' are one. */
export function regionKey(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

/** listDeploymentStatus items as resources of DEPLOYMENT_STATUS_TYPE, one per region and kind. */
export function deploymentStatusResources(managerId: string, items: unknown[]): ArmResource[] {
  return items.flatMap((item) => {
    const p = props({ properties: item });
    const region = str(p.region);
    const kind = str(p.deploymentType);
    if (!region || !kind) return [];
    // as the emulator names them: `{commitType}-{region}`
    const name = `${kind}-${regionKey(region)}`;
    return [
      { id: `${managerId}/deploymentStatus/${name}`, name, type: DEPLOYMENT_STATUS_TYPE, properties: p },
    ];
  });
}

function ofType(all: ArmResource[], type: string): ArmResource[] {
  return all.filter((r) => r.type.toLowerCase() === type);
}

function groupsOf(collection: ArmResource): string[] {
  const p = props(collection);
  // Routing collections name their groups in `appliesTo`, security admin ones in `appliesToGroups`.
  return [...objs(p.appliesTo), ...objs(p.appliesToGroups)].flatMap((g) => {
    const id = str(g.networkGroupId);
    return id ? [keyOf(id)] : [];
  });
}

/** What AVNM's routing and security admin configurations hold, read once per plan from the observed estate. */
export function readAvnmEstate(index: EstateIndex): AvnmEstate {
  const all = index.avnm;
  const managers = new Map<string, ArmResource>();
  for (const r of all) if (r.type.toLowerCase() === NM) managers.set(keyOf(r.id), r);
  const members = new Map<string, { vnets: string[]; subnets: string[] }>();
  for (const m of ofType(all, TYPE.member)) {
    const target = str(props(m).resourceId);
    if (!target) continue;
    const group = keyOf(parentResourceId(m.id, 2));
    const entry = members.get(group) ?? { vnets: [], subnets: [] };
    members.set(group, entry);
    // Routing configurations also take subnet groups: a member is then a subnet.
    if (/\/subnets\/[^/]+$/i.test(target)) entry.subnets.push(keyOf(target));
    else entry.vnets.push(keyOf(target));
  }
  const configurations = new Map<string, AvnmConfiguration>();
  const addConfigs = (type: string, kind: AvnmKind) => {
    for (const c of ofType(all, type)) {
      const managerId = parentResourceId(c.id, 1);
      configurations.set(keyOf(c.id), {
        resource: c,
        key: keyOf(c.id),
        kind,
        managerId,
        managerKey: keyOf(managerId),
        managedOnly: kind === 'Routing' && str(props(c).routeTableUsageMode) !== 'UseExisting',
      });
    }
  };
  addConfigs(TYPE.routingConfig, 'Routing');
  addConfigs(TYPE.adminConfig, 'SecurityAdmin');
  const rulesOf = new Map<string, ArmResource[]>();
  for (const r of [...ofType(all, TYPE.routingRule), ...ofType(all, TYPE.adminRule)]) {
    const k = keyOf(parentResourceId(r.id, 3));
    rulesOf.set(k, [...(rulesOf.get(k) ?? []), r]);
  }
  const collections: AvnmCollection[] = [];
  for (const c of [...ofType(all, TYPE.routingCollection), ...ofType(all, TYPE.adminCollection)]) {
    const configuration = configurations.get(keyOf(parentResourceId(c.id, 2)));
    if (!configuration) continue;
    collections.push({
      resource: c,
      key: keyOf(c.id),
      configuration,
      groupKeys: groupsOf(c),
      rules: rulesOf.get(keyOf(c.id)) ?? [],
    });
  }
  const deployments = new Map<string, AvnmDeployment[]>();
  for (const d of ofType(all, TYPE.deploymentStatus)) {
    const p = props(d);
    const managerKey = keyOf(parentResourceId(d.id, 1));
    const list = deployments.get(managerKey) ?? [];
    deployments.set(managerKey, list);
    const commitTime = str(p.commitTime);
    list.push({
      region: regionKey(str(p.region) ?? ''),
      kind: str(p.deploymentType) ?? '',
      configurationKeys: new Set(strs(p.configurationIds).map(keyOf)),
      status: str(p.deploymentStatus) ?? '',
      ...(commitTime ? { commitTime } : {}),
    });
  }
  return { managers, collections, members, deployments };
}

/**
 * The regions where a configuration is in the goal state (deployed, deploying or failed: the next
 * commit there keeps it), or undefined when the estate doesn't say (no deployment status read).
 */
export function deployedRegions(estate: AvnmEstate, config: AvnmConfiguration): Set<string> | undefined {
  const list = estate.deployments.get(config.managerKey);
  if (!list) return undefined;
  return new Set(
    list.filter((d) => d.kind === config.kind && d.configurationKeys.has(config.key)).map((d) => d.region),
  );
}

/**
 * True when the last commit of the configuration to `region` came after `modifiedAt` and ended
 * Deployed: what was written by then is in effect. Unknown status counts as in effect.
 */
export function deployedSince(
  estate: AvnmEstate,
  config: AvnmConfiguration,
  region: string,
  modifiedAt: string | undefined,
): boolean {
  const list = estate.deployments.get(config.managerKey);
  if (!list) return true;
  const d = list.find((x) => x.kind === config.kind && x.region === region);
  if (!d || !d.configurationKeys.has(config.key) || d.status !== 'Deployed') return false;
  if (!modifiedAt || !d.commitTime) return true;
  return Date.parse(d.commitTime) >= Date.parse(modifiedAt);
}
