import type { ArmResource } from '../../src/arm/ArmResource';
import type { Cidr } from '../../src/arm/cidr';
import { lastAddress, parseCidr } from '../../src/arm/cidr';
import { idKey, sameId } from '../../src/arm/resourceId';
import type { Child, IpConfigProps, NicProps, Resource, VnetProps } from './wireTypes';

const N = 'Microsoft.Network';

/** Lookups over a topology for shape assertions: every resource and inline child by id, and by type. */
export class TopologyIndex {
  readonly byId = new Map<string, unknown>();

  constructor(readonly resources: ArmResource[]) {
    for (const r of resources) {
      this.byId.set(idKey(r.id), r);
      for (const value of Object.values(r.properties ?? {})) {
        if (!Array.isArray(value)) continue;
        for (const child of value as { id?: unknown }[])
          if (typeof child.id === 'string') this.byId.set(idKey(child.id), child);
      }
    }
  }

  ofType<P>(type: string): Resource<P>[] {
    return this.resources.filter(
      (r) => r.type.toLowerCase() === `${N}/${type}`.toLowerCase(),
    ) as Resource<P>[];
  }

  get<T>(id: string): T {
    const found = this.byId.get(idKey(id));
    if (!found) throw new Error(`${id} is not in the topology`);
    return found as T;
  }

  vnetOfSubnet(subnetId: string): Resource<VnetProps> {
    return this.get(subnetId.split(/\/subnets\//i)[0] ?? '');
  }

  nicsIn(vnet: ArmResource): Resource<NicProps>[] {
    return this.ofType<NicProps>('networkInterfaces').filter((n) =>
      sameId(this.vnetOfSubnet(primaryConfig(n).properties.subnet.id).id, vnet.id),
    );
  }
}

export function primaryConfig(nic: Resource<NicProps>): Child<IpConfigProps> {
  const found = nic.properties.ipConfigurations.find((c) => c.properties.primary);
  if (!found) throw new Error(`${nic.id} has no primary ip configuration`);
  return found;
}

export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`${text} is not a CIDR`);
  return parsed;
}

/** Every `{ id }` reference object anywhere in a value (resources point at each other this way). */
export function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const [only] = entries;
    if (entries.length === 1 && only?.[0] === 'id' && typeof only[1] === 'string') out.push(only[1]);
    else for (const [, v] of entries) references(v, out);
  }
  return out;
}

/** A pair of the prefixes that share an address, or undefined. A sorted sweep, so large estates stay fast. */
export function findOverlap(prefixes: string[]): [string, string] | undefined {
  const blocks = prefixes
    .map((p) => ({ p, c: cidr(p) }))
    .sort((a, b) => (a.c.network < b.c.network ? -1 : a.c.network > b.c.network ? 1 : 0));
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1]!;
    const cur = blocks[i]!;
    if (cur.c.version === prev.c.version && cur.c.network <= lastAddress(prev.c)) return [prev.p, cur.p];
  }
  return undefined;
}
