import type { ArmResource } from '../arm/ArmResource';
import { IssueCollector } from './IssueCollector';
import { isPlainObject } from './isPlainObject';
import { mergeChildResources } from './mergeChildResources';
import { TopologyError } from './TopologyError';
import { topologyKey } from './topologyKey';
import type { ValidResource } from './validateResource';
import { validateResource } from './validateResource';

const PAGING_FIELDS = ['nextLink', 'skipToken', '$skipToken', 'skip_token'];

/** The resource array of a topology: a bare array, ARM's `{ value }` list, or Resource Graph's `{ data }`. */
function resourceArray(json: unknown, issues: IssueCollector): unknown[] | undefined {
  if (Array.isArray(json)) return json as unknown[];
  if (isPlainObject(json)) {
    for (const field of PAGING_FIELDS) {
      if (typeof json[field] === 'string' && json[field] !== '')
        issues.add(
          {},
          field,
          'this is one page of a paged list: follow it and combine every page into one file',
        );
    }
    const list = json.value ?? json.data;
    if (Array.isArray(list)) return list as unknown[];
  }
  issues.add({}, '', 'expected a JSON array of ARM resources, or an object { "value": [...] }');
  return undefined;
}

/**
 * Validates a topology (ARM resources exactly as GET returns them, or as
 * Resource Graph / `az` export them) and returns the resources normalized: known
 * types in canonical casing, export-only fields dropped, child resources
 * exported on their own moved into their parents. Throws one TopologyError
 * listing every problem, each naming the resource id and the field. Inputs are
 * not modified; unchanged nested objects are shared with the input.
 */
export function parseTopology(json: unknown, source?: string): ArmResource[] {
  const issues = new IssueCollector();
  const items = resourceArray(json, issues);
  const valid: ValidResource[] = [];
  const firstIndex = new Map<string, number>();
  items?.forEach((raw, index) => {
    const result = validateResource(raw, index, issues);
    if (!result) return;
    const key = topologyKey(result.parsedId.id);
    const first = firstIndex.get(key);
    if (first !== undefined) {
      issues.add(
        { resourceId: result.parsedId.id },
        'id',
        `duplicate resource id (resources [${first}] and [${index}])`,
      );
      return;
    }
    firstIndex.set(key, index);
    valid.push(result);
  });
  const resources = issues.size === 0 ? mergeChildResources(valid, issues) : [];
  if (issues.size > 0) throw new TopologyError(issues.issues, source);
  return resources;
}
