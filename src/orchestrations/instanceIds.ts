/**
 * Deterministic instance ids. The same run and VNet always give the same child
 * id, so a replayed or resumed parent finds its children instead of starting
 * new ones, and a singleton reconcile per spoke falls out of the id alone.
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function vnetLabel(vnetId: string): string {
  const name = vnetId.split('/').pop() ?? 'vnet';
  return `${name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40)}-${fnv1a(vnetId.toLowerCase())}`;
}

export function vnetInstanceId(runId: string, vnetId: string): string {
  return `${runId}-${vnetLabel(vnetId)}`;
}

/** The first part of a spoke's migration, its address space (see splitAddressSpace). */
export function addressSpaceInstanceId(runId: string, vnetId: string): string {
  return `${vnetInstanceId(runId, vnetId)}-address-space`;
}

export function reconcileInstanceId(vnetId: string): string {
  return `reconcile-${vnetLabel(vnetId)}`;
}
