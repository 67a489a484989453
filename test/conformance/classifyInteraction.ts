import type { Interaction } from './cassette';

/** The Network types the emulator answers for, with their routable children (lower-case collection names). */
export const COVERED = new Set([
  'virtualnetworks',
  'networkinterfaces',
  'loadbalancers',
  'routetables',
  'networksecuritygroups',
  'publicipaddresses',
  'virtualnetworkgateways',
]);

const RESOURCE_GROUP = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i;
const PROVIDER = /^\/subscriptions\/[^/]+(?:\/resourcegroups\/[^/]+)?\/providers\/([^/]+)\/?([^/]*)/i;

/**
 * Why a recorded interaction is not sent to the emulator, or undefined when it is.
 * Every reason is printed in the suite's table, so none is dropped silently.
 */
export function exclusionReason(interaction: Interaction): string | undefined {
  const path = interaction.uri.pathname;
  if (RESOURCE_GROUP.test(path)) {
    return ['GET', 'PUT', 'HEAD'].includes(interaction.method)
      ? undefined
      : 'resource group lifecycle beyond create/read: not part of the network under test';
  }
  if (/^\/subscriptions\/[^/]+\/resources$/i.test(path)) {
    return 'generic resource query (how az looks a name up before a deployment): Microsoft.Resources, outside the emulator';
  }
  const m = PROVIDER.exec(path);
  if (!m) return 'not an ARM resource request (subscription or tenant metadata)';
  const namespace = (m[1] ?? '').toLowerCase();
  const collection = (m[2] ?? '').toLowerCase();
  if (namespace === 'microsoft.resources' && collection === 'deployments') {
    return interaction.method === 'PUT' || interaction.method === 'GET'
      ? undefined
      : 'ARM template deployment bookkeeping: Microsoft.Resources, outside the emulator';
  }
  if (namespace !== 'microsoft.network') return `${m[1] ?? ''}: outside Microsoft.Network`;
  if (collection === 'locations') {
    return /\/locations\/[^/]+\/(operations|operationResults)\//i.test(path)
      ? "operation-status poll: the replay follows the emulator's own Azure-AsyncOperation/Location URL instead"
      : 'location metadata (available endpoint services, usages): not a resource the emulator holds';
  }
  if (!/\/resourcegroups\//i.test(path)) {
    return "subscription-wide list: holds every resource of the recording subscription (other tests' too)";
  }
  if (!COVERED.has(collection)) return `Microsoft.Network/${m[2] ?? ''}: a type the emulator does not cover`;
  return undefined;
}

/** True for the Network types the emulator answers for ('Microsoft.Network/loadBalancers'). */
export function coveredType(type: string): boolean {
  const [namespace, collection] = type.toLowerCase().split('/');
  return namespace === 'microsoft.network' && collection !== undefined && COVERED.has(collection);
}
