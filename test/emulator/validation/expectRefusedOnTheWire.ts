import type { ArmError } from '../../../src/arm/errors/ArmError';

interface WireError {
  statusCode?: number;
  response?: { bodyAsText?: string | null };
}

/** Awaits an SDK call that must fail with exactly the factory's status and error body (code, message, target). */
export async function expectRefusedOnTheWire(call: Promise<unknown>, expected: ArmError): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as WireError,
  );
  expect(error).toBeDefined();
  expect(error?.statusCode).toBe(expected.status);
  const body = JSON.parse(error?.response?.bodyAsText ?? '{}') as { error?: ArmError['body'] };
  expect(body.error).toEqual(expected.body);
}
