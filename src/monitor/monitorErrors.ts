import { ArmError } from '../arm/errors/ArmError';

/*
 * Errors of the two Azure Monitor surfaces Dualstack calls, one function per
 * code, used by the emulator and by the tests' expectations.
 *
 * Logs Ingestion (data plane) answers in the Azure.Core ErrorResponse shape
 * `{ error: { code, message, details? } }` with an `x-ms-error-code` header
 * (ingestion spec 2023-01-01). Texts marked [documented] were seen from the
 * service (SDK live tests, troubleshooting guides); [inferred] ones were not.
 */

function ingestionError(
  status: number,
  code: string,
  message: string,
  details?: ArmError['body']['details'],
): ArmError {
  return new ArmError(
    status,
    { code, message, ...(details ? { details } : {}) },
    { 'x-ms-error-code': code },
  );
}

/** [documented] 404 for an unknown immutable id. */
export function dataCollectionRuleNotFound(ruleId: string): ArmError {
  return ingestionError(404, 'NotFound', `Data collection rule with immutable Id '${ruleId}' not found.`);
}

/** [inferred] a stream the rule doesn't declare. */
export function streamNotDeclared(ruleId: string, stream: string): ArmError {
  return ingestionError(
    400,
    'InvalidStream',
    `Stream '${stream}' is not declared in the data collection rule with immutable Id '${ruleId}'.`,
  );
}

/** [documented] 413 over 1 MB (1,048,576 bytes) of uncompressed body. */
export function contentLengthLimitExceeded(length: number): ArmError {
  return ingestionError(
    413,
    'ContentLengthLimitExceeded',
    `Maximum allowed content length: 1048576 bytes (1 MB). Provided content length: ${length} bytes.`,
  );
}

/** [inferred] a body that is not gzip when it says so, or not a JSON array of objects. */
export function invalidPayload(message: string, details?: { target: string; message: string }[]): ArmError {
  return ingestionError(
    400,
    'InvalidPayload',
    message,
    details?.map((d) => ({ code: 'InvalidColumnValue', message: d.message, target: d.target })),
  );
}

/** [documented] 403 when the caller lacks Monitoring Metrics Publisher on the rule. */
export function ingestionAccessDenied(ruleId: string): ArmError {
  return ingestionError(
    403,
    'OperationFailed',
    `The authentication token provided does not have access to ingest data for the data collection rule with immutable Id '${ruleId}'.`,
  );
}

/** Transient service failures, for fault injection; a Retry-After makes the client wait that long. */
export function ingestionServiceError(status: 500 | 503, retryAfterSeconds?: number): ArmError {
  const error =
    status === 503
      ? ingestionError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.')
      : ingestionError(500, 'InternalServerError', 'An internal error occurred.');
  return retryAfterSeconds === undefined
    ? error
    : new ArmError(error.status, error.body, { ...error.headers, 'Retry-After': String(retryAfterSeconds) });
}

/*
 * Microsoft.Insights/diagnosticSettings answers 400 `BadRequest` for invalid
 * settings and 409 `Conflict` for a reused sink. Its error body is flat,
 * `{ code, message }` (the ErrorResponse of its spec, and what clients log),
 * so the emulator sends `ArmError.body` for these, not the `{ error }` envelope.
 */

/** [documented] another setting already sends this category of the resource to the same destination. */
export function diagnosticSinkInUse(sink: string, otherSetting: string, category: string): ArmError {
  return new ArmError(409, {
    code: 'Conflict',
    message: `Data sink '${sink}' is already used in diagnostic setting '${otherSetting}' for category '${category}'. Data sinks can't be reused in different settings on the same category for the same resource.`,
  });
}

/** [documented] */
export function diagnosticSettingMixesCategoryAndGroup(): ArmError {
  return new ArmError(400, {
    code: 'BadRequest',
    message: 'Diagnostic setting does not support mix of log category and log category group.',
  });
}

/** [documented] */
export function diagnosticCategoryNotSupported(category: string): ArmError {
  return new ArmError(400, { code: 'BadRequest', message: `Category '${category}' is not supported.` });
}

/** [documented] */
export function diagnosticCategoryGroupNotSupported(group: string, supported: readonly string[]): ArmError {
  return new ArmError(400, {
    code: 'BadRequest',
    message: `CategoryGroup: '${group}' is not supported, supported ones are: '${supported.join(', ')}'`,
  });
}

/** [inferred] a setting with no destination. */
export function diagnosticSettingWithoutDestination(): ArmError {
  return new ArmError(400, {
    code: 'BadRequest',
    message:
      'At least one destination (a storage account, an event hub, a Log Analytics workspace or a partner solution) must be specified.',
  });
}

/** [inferred] a body that is not a diagnostic setting. */
export function diagnosticSettingInvalid(message: string): ArmError {
  return new ArmError(400, { code: 'BadRequest', message });
}
