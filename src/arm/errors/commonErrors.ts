import { ArmError } from './ArmError';

// Texts follow what ARM returns; see ../shared/reference/azure-ipv6-rules.md §10.

export function missingApiVersion(): ArmError {
  return new ArmError(400, {
    code: 'MissingApiVersionParameter',
    message: 'The api-version query parameter (?api-version=) is required for all requests.',
  });
}

export function unsupportedApiVersion(
  apiVersion: string,
  resourceType: string,
  supported: readonly string[],
): ArmError {
  return new ArmError(400, {
    code: 'NoRegisteredProviderFound',
    message: `No registered resource provider found for location 'westeurope' and API version '${apiVersion}' for type '${resourceType}'. The supported api-versions are '${supported.join(', ')}'.`,
  });
}

export function authenticationMissing(): ArmError {
  return new ArmError(401, {
    code: 'AuthenticationFailed',
    message: "Authentication failed. The 'Authorization' header is missing.",
  });
}

export function invalidAuthenticationToken(): ArmError {
  return new ArmError(401, {
    code: 'InvalidAuthenticationToken',
    message: 'The access token is invalid.',
  });
}

export function authorizationFailed(principalId: string, action: string, scope: string): ArmError {
  return new ArmError(403, {
    code: 'AuthorizationFailed',
    message: `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  });
}

export function linkedAuthorizationFailed(principalId: string, action: string, scope: string): ArmError {
  return new ArmError(403, {
    code: 'LinkedAuthorizationFailed',
    message: `The client '${principalId}' with object id '${principalId}' has permission to perform the requested action but does not have permission to perform action(s) '${action}' on the linked scope(s) '${scope}' or the linked scope(s) are invalid.`,
  });
}

export function resourceNotFound(resourceId: string): ArmError {
  const [, type = '', name = ''] = /providers\/([^/]+\/[^/]+)\/([^/]+)/i.exec(resourceId) ?? [];
  return new ArmError(404, {
    code: 'ResourceNotFound',
    message: `The Resource '${type}/${name}' under resource group was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    target: resourceId,
  });
}

export function resourceGroupNotFound(resourceGroup: string): ArmError {
  return new ArmError(404, {
    code: 'ResourceGroupNotFound',
    message: `Resource group '${resourceGroup}' could not be found.`,
  });
}

export function invalidRequestFormat(message: string, target?: string): ArmError {
  return new ArmError(400, { code: 'InvalidRequestFormat', message, ...(target ? { target } : {}) });
}

export function invalidRequestContent(message: string, target?: string): ArmError {
  return new ArmError(400, { code: 'InvalidRequestContent', message, ...(target ? { target } : {}) });
}

export function preconditionFailedEtagMismatch(sent: string, actual: string, resourceId: string): ArmError {
  return new ArmError(412, {
    code: 'PreconditionFailed',
    message: 'Precondition failed.',
    details: [
      {
        code: 'PreconditionFailedEtagMismatch',
        message: `Etag provided in if-match header ${sent} does not match etag ${actual} of resource ${resourceId} in NRP data store.`,
      },
    ],
  });
}

export function preconditionFailedResourceExists(resourceId: string): ArmError {
  return new ArmError(412, {
    code: 'PreconditionFailed',
    message: 'Precondition failed.',
    details: [
      {
        code: 'PreconditionFailedResourceExists',
        message: `If-None-Match: * was given, but resource ${resourceId} already exists.`,
      },
    ],
  });
}

/**
 * The rulebook leaves open whether this arrives as 409 or 429; clients in the
 * wild see it on 409 conflicts, so that is what the emulator sends.
 */
export function anotherOperationInProgress(resourceId: string, operationUrl: string): ArmError {
  return new ArmError(409, {
    code: 'AnotherOperationInProgress',
    message: `Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: ${operationUrl}.`,
    target: resourceId,
  });
}

export function referencedResourceNotProvisioned(
  referencedId: string,
  referencingId: string,
  state: string,
  lastOperation: string,
): ArmError {
  return new ArmError(
    429,
    {
      code: 'RetryableError',
      message: 'A retryable error occurred.',
      details: [
        {
          code: 'ReferencedResourceNotProvisioned',
          message: `Cannot proceed with operation because resource ${referencedId} used by resource ${referencingId} is not in Succeeded state. Resource is in ${state} state and the last operation that updated/is updating the resource is ${lastOperation}.`,
        },
      ],
    },
    { 'Retry-After': '10' },
  );
}

/**
 * `retryAfterMs`, when given, goes out as x-ms-retry-after-ms, which the Azure SDK
 * reads before Retry-After: the emulator's way to say "ARM's whole seconds, on a
 * scaled clock" without making every scaled client sleep a real second.
 */
export function tooManyRequests(retryAfterSeconds: number, scope: string, retryAfterMs?: number): ArmError {
  return new ArmError(
    429,
    {
      code: 'TooManyRequests',
      message: `Number of requests for ${scope} exceeded the limit. Please try again after ${retryAfterSeconds} seconds.`,
    },
    {
      'Retry-After': String(retryAfterSeconds),
      ...(retryAfterMs !== undefined ? { 'x-ms-retry-after-ms': String(retryAfterMs) } : {}),
    },
  );
}

export function internalServerError(): ArmError {
  return new ArmError(500, {
    code: 'InternalServerError',
    message: 'An error has occurred. Please retry the request.',
  });
}

/** `retryAfterMs`: the emulator's scaled second (as tooManyRequests). */
export function serviceUnavailable(retryAfterMs?: number): ArmError {
  return new ArmError(
    503,
    {
      code: 'ServiceUnavailable',
      message: 'The service is temporarily unavailable. Please retry the request.',
    },
    {
      'Retry-After': '1',
      ...(retryAfterMs !== undefined ? { 'x-ms-retry-after-ms': String(retryAfterMs) } : {}),
    },
  );
}

export function inUseSubnetCannotBeDeleted(subnetId: string, referencingId: string): ArmError {
  return new ArmError(400, {
    code: 'InUseSubnetCannotBeDeleted',
    message: `Subnet ${subnetId.split('/').pop() ?? subnetId} is in use by ${referencingId} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet.`,
    target: subnetId,
  });
}

export function operationFailed(code: string, message: string): ArmError {
  return new ArmError(200, { code, message });
}

/** No route for the path: ARM's answer for a resource type the provider does not have. */
export function invalidResourceType(path: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidResourceType',
    message: `The resource type could not be found for the request path '${path}'.`,
  });
}

export function methodNotAllowed(method: string, path: string): ArmError {
  return new ArmError(405, {
    code: 'HttpMethodNotAllowed',
    message: `The HTTP method '${method}' is not supported for the request path '${path}'.`,
  });
}

/** Text as ARM returns it (terraform-provider-azurerm#114, terra-workspace-manager#502). */
export function inUseNetworkSecurityGroupCannotBeDeleted(nsgId: string, users: readonly string[]): ArmError {
  return new ArmError(400, {
    code: 'InUseNetworkSecurityGroupCannotBeDeleted',
    message: `Network security group ${nsgId} cannot be deleted because it is in use by the following resources: ${users.join(', ')}. In order to delete the Network security group, remove the association with the resource(s).`,
    target: nsgId,
  });
}

export function inUseRouteTableCannotBeDeleted(routeTableId: string, users: readonly string[]): ArmError {
  return new ArmError(400, {
    code: 'InUseRouteTableCannotBeDeleted',
    message: `Route table ${routeTableId} cannot be deleted because it is in use by the following resources: ${users.join(', ')}. In order to delete the route table, remove the association with the resource(s).`,
    target: routeTableId,
  });
}

/** Text as Network RP returns it when a `{ id }` in a body points at nothing. */
export function invalidResourceReference(referencedId: string, referencingId: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidResourceReference',
    message: `Resource ${referencedId} referenced by resource ${referencingId} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`,
    target: referencedId,
  });
}

/** A nested resource's parent (zone, network manager, network group...) does not exist: ARM's 404. */
export function parentResourceNotFound(parentId: string): ArmError {
  return new ArmError(404, {
    code: 'ParentResourceNotFound',
    message: `Can not perform requested operation on nested resource. Parent resource '${parentId.split('/').at(-1) ?? parentId}' not found.`,
    target: parentId,
  });
}
