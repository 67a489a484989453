import type { HandlerModule, Route } from '../http/router';
import type { ResourceTypeSpec } from './ResourceTypeSpec';
import { deleteResource } from './deleteResource';
import { patchTags } from './patchTags';
import { getResource, listByResourceGroup, listBySubscription, listChildren } from './readResource';
import { putResource } from './writeResource';

/** api-versions the Network routes accept; the SDK in use sends the first. */
export const NETWORK_API_VERSIONS = [
  '2025-05-01',
  '2025-03-01',
  '2025-01-01',
  '2024-10-01',
  '2024-07-01',
  '2024-05-01',
  '2024-03-01',
  '2024-01-01',
  '2023-11-01',
  '2023-09-01',
  '2023-06-01',
  '2023-05-01',
  '2023-04-01',
] as const;

/** GET/PUT/DELETE and both lists for a top-level type, plus GET/PUT/DELETE/list for its routable children. */
export function resourceRoutes(spec: ResourceTypeSpec): HandlerModule {
  const [namespace = 'Microsoft.Network'] = spec.type.split('/');
  const base = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${namespace}/${spec.collection}`;
  const item = `${base}/{name}`;
  const common = { apiVersions: spec.apiVersions ?? NETWORK_API_VERSIONS };
  const routes: Route[] = [
    {
      ...common,
      method: 'GET',
      path: item,
      resourceType: spec.type,
      operation: 'read',
      action: `${spec.type}/read`,
      handle: (c) => getResource(c, spec),
    },
    {
      ...common,
      method: 'PUT',
      path: item,
      resourceType: spec.type,
      operation: 'write',
      action: `${spec.type}/write`,
      handle: (c) => putResource(c, spec),
    },
    {
      ...common,
      method: 'DELETE',
      path: item,
      resourceType: spec.type,
      operation: 'delete',
      action: `${spec.type}/delete`,
      handle: (c) => deleteResource(c, spec),
    },
    {
      ...common,
      method: 'PATCH',
      path: item,
      resourceType: spec.type,
      operation: 'write',
      action: `${spec.type}/write`,
      handle: (c) => patchTags(c, spec),
    },
    {
      ...common,
      method: 'GET',
      path: base,
      resourceType: spec.type,
      operation: 'list',
      action: `${spec.type}/read`,
      handle: (c) => listByResourceGroup(c, spec),
    },
    {
      ...common,
      method: 'GET',
      path: `/subscriptions/{subscriptionId}/providers/${namespace}/${spec.collection}`,
      resourceType: spec.type,
      operation: 'list',
      action: `${spec.type}/read`,
      handle: (c) => listBySubscription(c, spec),
    },
  ];
  for (const child of spec.children.filter((c) => c.routable)) {
    const type = `${spec.type}/${child.segment}`;
    const list = `${item}/${child.segment}`;
    const one = `${list}/{childName}`;
    routes.push(
      {
        ...common,
        method: 'GET',
        path: one,
        resourceType: type,
        operation: 'read',
        action: `${type}/read`,
        handle: (c) => getResource(c, spec, child),
      },
      {
        ...common,
        method: 'PUT',
        path: one,
        resourceType: type,
        operation: 'write',
        action: `${type}/write`,
        handle: (c) => putResource(c, spec, child),
      },
      {
        ...common,
        method: 'DELETE',
        path: one,
        resourceType: type,
        operation: 'delete',
        action: `${type}/delete`,
        handle: (c) => deleteResource(c, spec, child),
      },
      {
        ...common,
        method: 'GET',
        path: list,
        resourceType: type,
        operation: 'list',
        action: `${type}/read`,
        handle: (c) => listChildren(c, spec, child),
      },
    );
  }
  return { routes };
}
