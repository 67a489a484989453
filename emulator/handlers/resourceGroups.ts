import { invalidRequestFormat, resourceGroupNotFound } from '../../src/arm/errors/commonErrors';
import type { HandlerModule } from '../http/router';
import { isRecord } from '../store/subResources';

const path = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
const type = 'Microsoft.Resources/resourceGroups';

/** Resource groups: GET as ARM answers it, and a synchronous PUT so tests can create groups. */
export const resourceGroupsHandler: HandlerModule = {
  routes: [
    {
      method: 'GET',
      path,
      resourceType: type,
      operation: 'read',
      action: `${type}/read`,
      handle: ({ emulator, params }) => {
        const rg = emulator.store.getResourceGroup(
          params.subscriptionId ?? '',
          params.resourceGroupName ?? '',
        );
        if (!rg) throw resourceGroupNotFound(params.resourceGroupName ?? '');
        return { status: 200, body: rg };
      },
    },
    {
      method: 'PUT',
      path,
      resourceType: type,
      operation: 'write',
      action: `${type}/write`,
      handle: ({ emulator, params, req }) => {
        const body = req.body;
        if (!isRecord(body) || typeof body.location !== 'string') {
          throw invalidRequestFormat('The resource group location is required.', 'location');
        }
        const sub = params.subscriptionId ?? '';
        const name = params.resourceGroupName ?? '';
        const existed = emulator.store.getResourceGroup(sub, name) !== undefined;
        const tags = isRecord(body.tags) ? (body.tags as Record<string, string>) : undefined;
        const rg = emulator.store.putResourceGroup(sub, name, body.location, tags);
        return { status: existed ? 200 : 201, body: rg };
      },
    },
  ],
};
