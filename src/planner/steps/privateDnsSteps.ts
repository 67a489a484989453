import type { ArmResource } from '../../arm/ArmResource';
import type { NicInfo } from '../discovery/EstateIndex';
import { keyOf } from '../ids';
import { objs, props, refId, str } from '../json';
import type { Ipv6Addition } from '../Plan';
import type { PlanContext } from '../PlanContext';
import { addStep, stepIdOf } from '../PlanContext';
import {
  aaaaAddresses,
  aaaaText,
  MAX_RECORDS_PER_SET,
  newAaaaRecordSet,
  sameAddress,
} from '../privateDnsRecords';
import { twinName } from './loadBalancerParts';

/** Where a NIC's IPv6 address comes from: known, or the ip configuration a planned step creates. */
interface AaaaTarget {
  vnetKey: string;
  ipConfigurationId: string;
  address?: string;
  /** the NIC step that creates the ip configuration (the record waits for it) */
  stepId?: string;
}

const DEFAULT_TTL = 3600;

/** The id of the zone a link or record set belongs to (`{zone}/{type}/{name}`). */
export function zoneIdOf(childId: string): string {
  return childId.split('/').slice(0, -2).join('/');
}

/**
 * The NICs Dualstack gives IPv6 (a step in this plan) or gave it (its `<primary>-ipv6` twin has an
 * address), by `${vnetKey} ${primary IPv4 address}`: what an A record can point at.
 */
function aaaaTargets(ctx: PlanContext, vnetKeys: Set<string>): Map<string, AaaaTarget> {
  const planned = new Set<string>();
  for (const s of ctx.steps) if (s.kind === 'networkInterface') planned.add(s.id);
  const targets = new Map<string, AaaaTarget>();
  const add = (nic: NicInfo): void => {
    const primary = nic.ipConfigs.find((c) => c.primary) ?? nic.ipConfigs[0];
    const vnetKey = primary?.subnet?.vnetKey;
    const ipv4 = str(props(primary?.body).privateIPAddress);
    if (!primary || primary.ipv6 || !vnetKey || !vnetKeys.has(vnetKey) || !ipv4) return;
    const name = twinName(primary.name);
    const ipConfigurationId = `${nic.resource.id}/ipConfigurations/${name}`;
    const stepId = stepIdOf('networkInterface', nic.resource.id);
    if (planned.has(stepId)) {
      targets.set(`${vnetKey} ${ipv4}`, { vnetKey, ipConfigurationId, stepId });
      return;
    }
    const twin = nic.ipConfigs.find((c) => c.ipv6 && c.name.toLowerCase() === name.toLowerCase());
    const address = str(props(twin?.body).privateIPAddress);
    if (address) targets.set(`${vnetKey} ${ipv4}`, { vnetKey, ipConfigurationId, address });
  };
  for (const vnetKey of vnetKeys)
    for (const subnet of ctx.inPlay.get(vnetKey)?.subnets ?? [])
      for (const nic of ctx.index.nicsBySubnet.get(subnet.key) ?? []) add(nic);
  return targets;
}

function byZone(resources: ArmResource[]): Map<string, ArmResource[]> {
  const out = new Map<string, ArmResource[]>();
  for (const r of resources) {
    const k = keyOf(zoneIdOf(r.id));
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function isType(r: ArmResource, recordType: 'A' | 'AAAA'): boolean {
  return r.type.toLowerCase() === `microsoft.network/privatednszones/${recordType.toLowerCase()}`;
}

/**
 * Private DNS auto-registration writes only A records, so a dual-stacked VM has no AAAA name. For
 * each zone linked to a VNet this plan migrates, an AAAA record set goes beside each A record set
 * that points at a NIC Dualstack gives (or gave) IPv6: same name, the NIC's IPv6 address, the A
 * set's TTL, merged into an AAAA set that exists already. One step per AAAA set, after the NIC
 * steps it needs; the addresses of NICs still to be written are read when the step runs.
 */
export function addPrivateDnsSteps(ctx: PlanContext): void {
  const { zones, links, recordSets } = ctx.index.privateDns;
  if (zones.length === 0 || links.length === 0) return;
  const linked = new Map<string, Set<string>>();
  let registration = false;
  for (const link of links) {
    const vnet = refId(props(link).virtualNetwork);
    const vnetKey = vnet ? keyOf(vnet) : undefined;
    if (!vnetKey || !ctx.inPlay.has(vnetKey) || ctx.blocked.has(vnetKey)) continue;
    const zoneKey = keyOf(zoneIdOf(link.id));
    const set = linked.get(zoneKey) ?? new Set<string>();
    set.add(vnetKey);
    linked.set(zoneKey, set);
    if (props(link).registrationEnabled === true) registration = true;
  }
  if (linked.size === 0) return;
  const targets = aaaaTargets(ctx, new Set([...linked.values()].flatMap((s) => [...s])));
  const setsByZone = byZone(recordSets);
  let added = 0;
  for (const zone of [...zones].sort((a, b) => (keyOf(a.id) < keyOf(b.id) ? -1 : 1))) {
    const zoneKey = keyOf(zone.id);
    const vnetKeys = linked.get(zoneKey);
    if (!vnetKeys) continue;
    const sets = setsByZone.get(zoneKey) ?? [];
    const aaaa = new Map(sets.filter((r) => isType(r, 'AAAA')).map((r) => [r.name.toLowerCase(), r]));
    const aSets = sets.filter((r) => isType(r, 'A')).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const a of aSets) {
      const found: AaaaTarget[] = [];
      for (const record of objs(props(a).aRecords)) {
        const ipv4 = str(record.ipv4Address);
        for (const vnetKey of vnetKeys) {
          const t = ipv4 ? targets.get(`${vnetKey} ${ipv4}`) : undefined;
          if (t && !found.includes(t)) found.push(t);
        }
      }
      const existing = aaaa.get(a.name.toLowerCase());
      const have = existing ? aaaaAddresses(existing) : [];
      const given = props(a).ttl;
      const ttl = typeof given === 'number' ? given : DEFAULT_TTL;
      const additions: Ipv6Addition[] = found
        .filter((t) => t.address === undefined || !have.some((h) => sameAddress(h, t.address ?? '')))
        .map((t) => ({
          op: 'addAaaaRecord',
          ipConfigurationId: t.ipConfigurationId,
          ...(t.address ? { address: t.address } : {}),
          ttl,
        }));
      if (additions.length === 0) continue;
      const recordSetId = `${zone.id}/AAAA/${a.name}`;
      const fqdn = `${a.name === '@' ? '' : `${a.name}.`}${zone.name}`;
      if (have.length + additions.length > MAX_RECORDS_PER_SET) {
        ctx.warnings.push({
          code: 'AaaaRecordSetFull',
          resourceId: recordSetId,
          message: `${fqdn} would hold ${have.length + additions.length} AAAA records; a Private DNS record set holds at most ${MAX_RECORDS_PER_SET}, so none are added`,
          fix: 'Split the name across record sets, or remove AAAA records nobody uses, then plan again.',
        });
        continue;
      }
      const pending = found.filter((t) =>
        additions.some((x) => x.op === 'addAaaaRecord' && x.ipConfigurationId === t.ipConfigurationId),
      );
      addStep(ctx, {
        kind: 'privateDnsRecordSet',
        resource: existing ?? newAaaaRecordSet(recordSetId, ttl),
        additions,
        dependsOn: pending.map((t) => t.stepId),
        vnetKeys: [...new Set(pending.map((t) => t.vnetKey))],
        ipv6Prefixes: [],
        summary: `AAAA ${fqdn}: ${pending.map(aaaaText).join(', ')} (TTL ${ttl}${existing ? ', merged into the existing set' : ''})`,
      });
      added++;
    }
  }
  if (added > 0 && registration)
    ctx.warnings.push({
      code: 'AaaaRecordsNotAutoRegistered',
      resourceId: ctx.hub.resource.id,
      message: `${added} AAAA record set${added === 1 ? '' : 's'} go beside auto-registered A records. Auto-registration manages only A records: a new VM gets its AAAA when Dualstack reconciles its VNet, but a deleted VM's AAAA record stays until someone removes it`,
      fix: 'Remove AAAA records of deleted VMs with the VM (or keep registration zones for A records and manage AAAA names deliberately).',
    });
}
