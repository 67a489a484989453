import type { ArmResource } from '../arm/ArmResource';
import { idKey } from '../arm/resourceId';
import type { Finding } from '../planner/Plan';
import type { VnetReportRow } from './EstateReport';
import { nameOf } from './EstateReport';

/**
 * The VNets the planner left alone because of the exclusion tag (its `VnetExcluded` warnings), with
 * their address space when the observed network is at hand.
 */
export function excludedRows(
  warnings: readonly Finding[],
  observed?: readonly ArmResource[],
): VnetReportRow[] {
  const byKey = observed ? new Map(observed.map((r) => [idKey(r.id), r])) : undefined;
  return warnings
    .filter((w) => w.code === 'VnetExcluded')
    .map((w) => {
      const space = byKey?.get(idKey(w.resourceId))?.properties?.addressSpace as
        { addressPrefixes?: unknown } | undefined;
      const prefixes = Array.isArray(space?.addressPrefixes)
        ? space.addressPrefixes.filter((p): p is string => typeof p === 'string')
        : [];
      return {
        vnetId: w.resourceId,
        name: nameOf(w.resourceId),
        role: 'spoke',
        state: 'excluded',
        before: prefixes,
        after: prefixes,
        steps: 0,
        note: w.message,
      };
    });
}
