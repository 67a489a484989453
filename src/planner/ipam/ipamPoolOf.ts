/** `{ ipamPoolId }` when the (unchecked) planner configuration names an IPAM pool, else `{}`. */
export function ipamPoolOf(config: unknown): { ipamPoolId?: string } {
  const id = (config as { ipamPoolId?: unknown } | null | undefined)?.ipamPoolId;
  return typeof id === 'string' ? { ipamPoolId: id } : {};
}
