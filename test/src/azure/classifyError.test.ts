import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { ArmError } from '../../../src/arm/errors/ArmError';
import {
  anotherOperationInProgress,
  authorizationFailed,
  internalServerError,
  invalidRequestContent,
  linkedAuthorizationFailed,
  preconditionFailedEtagMismatch,
  referencedResourceNotProvisioned,
  resourceNotFound,
  serviceUnavailable,
  tooManyRequests,
} from '../../../src/arm/errors/commonErrors';
import { classifyError } from '../../../src/azure/classifyError';
import { DualstackError } from '../../../src/azure/DualstackError';
import { describeTaskFailure } from '../../../src/orchestrations/taskFailure';

const NIC =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.Network/networkInterfaces/vm1-nic';
const SUBNET =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/spoke/subnets/app';

/** The RestError @azure/core-client raises for an ARM error response: message and code lifted from the envelope. */
function restErrorFor(armError: ArmError, resourceId = NIC): RestError {
  const request = createPipelineRequest({
    url: `https://management.azure.com${resourceId}?api-version=2025-05-01`,
  });
  return new RestError(armError.body.message, {
    code: armError.code,
    statusCode: armError.status,
    request,
    response: {
      request,
      status: armError.status,
      headers: createHttpHeaders(armError.headers),
      bodyAsText: JSON.stringify(armError.toEnvelope()),
    },
  });
}

describe('classifyError', () => {
  it.each([
    ['429 TooManyRequests', tooManyRequests(3, 'subscription'), 'TooManyRequests', 429],
    ['500', internalServerError(), 'InternalServerError', 500],
    ['503', serviceUnavailable(), 'ServiceUnavailable', 503],
    [
      '409 AnotherOperationInProgress',
      anotherOperationInProgress(NIC, 'https://op'),
      'AnotherOperationInProgress',
      409,
    ],
    [
      '429 RetryableError/ReferencedResourceNotProvisioned',
      referencedResourceNotProvisioned(SUBNET, NIC, 'Updating', 'PutSubnetOperation'),
      'RetryableError',
      429,
    ],
  ])('classifies %s as retryable', (_label, armError, code, status) => {
    const err = classifyError(restErrorFor(armError));
    expect(err).toBeInstanceOf(DualstackError);
    expect(err).toMatchObject({ code, status, retryable: true, resourceId: NIC });
  });

  it.each([
    [
      '400 validation',
      invalidRequestContent('bad body', 'properties.ipConfigurations'),
      'InvalidRequestContent',
      400,
    ],
    [
      '403 AuthorizationFailed',
      authorizationFailed('p', 'Microsoft.Network/x/write', NIC),
      'AuthorizationFailed',
      403,
    ],
    [
      '403 LinkedAuthorizationFailed',
      linkedAuthorizationFailed('p', 'Microsoft.Network/virtualNetworks/subnets/join/action', SUBNET),
      'LinkedAuthorizationFailed',
      403,
    ],
    [
      '412 PreconditionFailed',
      preconditionFailedEtagMismatch('W/"a"', 'W/"b"', NIC),
      'PreconditionFailed',
      412,
    ],
    ['404', resourceNotFound(NIC), 'ResourceNotFound', 404],
  ])('classifies %s as terminal', (_label, armError, code, status) => {
    expect(classifyError(restErrorFor(armError))).toMatchObject({ code, status, retryable: false });
  });

  it('keeps the Retry-After the service sent, as the least backoff worth taking', () => {
    expect(classifyError(restErrorFor(tooManyRequests(17, 'subscription'))).retryAfterMs).toBe(17000);
    expect(classifyError(restErrorFor(internalServerError())).retryAfterMs).toBeUndefined();
  });

  it('keeps nested detail codes and their text', () => {
    const err = classifyError(
      restErrorFor(referencedResourceNotProvisioned(SUBNET, NIC, 'Updating', 'PutSubnetOperation')),
    );
    expect(err.innerCodes).toEqual(['ReferencedResourceNotProvisioned']);
    expect(err.detail).toContain('is not in Succeeded state');
    const etag = classifyError(restErrorFor(preconditionFailedEtagMismatch('W/"a"', 'W/"b"', NIC)));
    expect(etag.innerCodes).toEqual(['PreconditionFailedEtagMismatch']);
  });

  it('treats a retryable inner code as retryable whatever the outer status', () => {
    const armError = referencedResourceNotProvisioned(SUBNET, NIC, 'Updating', 'PutSubnetOperation');
    const as400 = restErrorFor(armError);
    as400.statusCode = 400;
    expect(classifyError(as400)).toMatchObject({ status: 400, retryable: true });
  });

  it('takes the resource id from the context first, then the request URL, and ignores operation-status URLs', () => {
    expect(classifyError(restErrorFor(internalServerError()), { resourceId: SUBNET }).resourceId).toBe(
      SUBNET,
    );
    const opUrl = '/subscriptions/s/providers/Microsoft.Network/locations/westeurope/operations/123';
    expect(classifyError(restErrorFor(internalServerError(), opUrl)).resourceId).toBeUndefined();
  });

  it('classifies connection drops as retryable', () => {
    const sendError = new RestError('socket hang up', { code: RestError.REQUEST_SEND_ERROR });
    expect(classifyError(sendError)).toMatchObject({ code: 'ConnectionDropped', retryable: true });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(classifyError(reset)).toMatchObject({ code: 'ConnectionDropped', retryable: true });
  });

  it('reads the code out of a long-running-operation failure', () => {
    const retryable = new Error(
      'The long-running operation has failed. AnotherOperationInProgress. Another operation on this or dependent resource is in progress.',
    );
    expect(classifyError(retryable, { resourceId: NIC })).toMatchObject({
      code: 'AnotherOperationInProgress',
      retryable: true,
      resourceId: NIC,
    });
    const terminal = new Error(
      'The long-running operation has failed. InvalidResourceReference. Resource x not found.',
    );
    expect(classifyError(terminal)).toMatchObject({
      code: 'InvalidResourceReference',
      retryable: false,
      detail: 'Resource x not found.',
    });
    expect(classifyError(new Error('The long-running operation has failed'))).toMatchObject({
      code: 'OperationFailed',
      retryable: false,
    });
  });

  it('classifies aborts, bad input and unknown throws', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(classifyError(abort)).toMatchObject({ code: 'Aborted', retryable: true });
    expect(classifyError(new TypeError('resourceId: bad'))).toMatchObject({
      code: 'InvalidInput',
      retryable: false,
    });
    expect(classifyError(new Error('boom'))).toMatchObject({ code: 'UnclassifiedError', retryable: false });
    expect(classifyError('a string')).toMatchObject({ code: 'UnclassifiedError', detail: 'a string' });
  });
});

describe('DualstackError encoding', () => {
  const original = new DualstackError({
    code: 'RetryableError',
    detail: 'A retryable error occurred. {with braces}\nand a newline',
    retryable: true,
    status: 429,
    resourceId: NIC,
    innerCodes: ['ReferencedResourceNotProvisioned'],
    retryAfterMs: 10000,
  });

  it('round-trips through the message alone, as durable-functions forwards it (reason, then stack)', () => {
    const forwarded = new Error(`${original.message} \n ${original.stack ?? ''}`);
    const decoded = DualstackError.decode(forwarded);
    expect(decoded?.toJSON()).toEqual(original.toJSON());
  });

  it('is what the orchestrations read: errorMessage plus properties', () => {
    const parsed = JSON.parse(original.message) as {
      errorMessage: string;
      properties: Record<string, unknown>;
    };
    expect(parsed.errorMessage).toBe(original.detail);
    expect(parsed.properties).toMatchObject({ code: 'RetryableError', retryable: true, status: 429 });
    expect(original.stack).not.toContain('errorMessage');
    const forwarded = new Error(`${original.message} \n ${original.stack ?? ''}`);
    expect(describeTaskFailure(forwarded)).toEqual({
      code: 'RetryableError',
      message: original.detail,
      retryable: true,
      status: 429,
      // the service's Retry-After travels too, so the orchestration backs off at least that long
      retryAfterMs: 10_000,
    });
  });

  it('passes an already classified error through, adding the context resource only when missing', () => {
    expect(classifyError(original)).toBe(original);
    const bare = new DualstackError({ code: 'X', detail: 'y', retryable: false });
    expect(classifyError(bare, { resourceId: NIC }).resourceId).toBe(NIC);
    expect(classifyError(new Error(bare.message))).toMatchObject({ code: 'X', retryable: false });
  });

  it('decodes nothing from text without a payload', () => {
    expect(DualstackError.decode(new Error('{"other":1}'))).toBeUndefined();
    expect(DualstackError.decode(42)).toBeUndefined();
  });
});
