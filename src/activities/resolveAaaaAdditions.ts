import type { ArmResource } from '../arm/ArmResource';
import { parentResourceId } from '../arm/resourceId';
import { DualstackError } from '../azure/DualstackError';
import { getResource } from '../azure/getResource';
import type { NetworkClients } from '../azure/networkClient';
import { equalsIgnoreCase } from '../planner/equalsIgnoreCase';
import { nameOf, objs, props, str } from '../planner/json';
import type { Ipv6Addition } from '../planner/Plan';
import { newAaaaRecordSet } from '../planner/privateDnsRecords';

/**
 * A private DNS step's AAAA additions with every address filled in. A NIC's IPv6 ip configuration
 * is dynamic, so its address is known only once its own step ran: read it now (one GET per NIC).
 * A configuration without an address yet is retryable (the NIC's write may still be settling).
 */
export async function resolveAaaaAdditions(
  clients: NetworkClients,
  additions: Ipv6Addition[],
): Promise<Ipv6Addition[]> {
  const nics = new Map<string, Promise<ArmResource>>();
  return Promise.all(
    additions.map(async (a) => {
      if (a.op !== 'addAaaaRecord' || a.address !== undefined) return a;
      const nicId = parentResourceId(a.ipConfigurationId);
      let read = nics.get(nicId.toLowerCase());
      if (!read) nics.set(nicId.toLowerCase(), (read = getResource(clients, nicId)));
      const configName = a.ipConfigurationId.split('/').at(-1) ?? '';
      const nic = await read;
      const config = objs(props(nic).ipConfigurations).find((c) => equalsIgnoreCase(nameOf(c), configName));
      const address = str(props(config).privateIPAddress);
      if (!address)
        throw new DualstackError({
          code: 'Ipv6AddressNotAssigned',
          detail: `${a.ipConfigurationId} has no IPv6 address yet: its AAAA record waits for it`,
          retryable: true,
          resourceId: a.ipConfigurationId,
        });
      return { ...a, address };
    }),
  );
}

/** The body a private DNS step creates when its AAAA record set doesn't exist yet (migrations only). */
export function missingRecordSet(resourceId: string, additions: Ipv6Addition[]): ArmResource | undefined {
  const first = additions.find((a) => a.op === 'addAaaaRecord');
  return first?.op === 'addAaaaRecord' ? newAaaaRecordSet(resourceId, first.ttl) : undefined;
}
